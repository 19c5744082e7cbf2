"use client";

import { ActionForm } from "@/app/_components/action-form";
import { useActionState } from "react";
import { createUserAction, setUserDisabledAction, setUserRoleAction } from "@/app/_actions/users";
import { Badge, Button, Field, FormMessage, Input, Select } from "@/app/_components/ui";
import { ROLES } from "@/lib/auth/roles";

export function CreateUserForm() {
  const [state, action, pending] = useActionState(createUserAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <ActionForm action={action} resetOn={state?.ok && state} className="flex flex-col gap-3">
      <Field label="Email" htmlFor="new-email" error={errors?.email}>
        <Input id="new-email" name="email" type="email" required />
      </Field>
      <Field label="Name" htmlFor="new-name" error={errors?.name}>
        <Input id="new-name" name="name" required />
      </Field>
      <Field label="Role" htmlFor="new-role" error={errors?.role}>
        <Select id="new-role" name="role" defaultValue="ANNOTATOR">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r.toLowerCase()}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Initial password" htmlFor="new-password" error={errors?.password} hint="At least 8 characters">
        <Input id="new-password" name="password" type="password" minLength={8} required autoComplete="new-password" />
      </Field>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        Create user
      </Button>
    </ActionForm>
  );
}

interface UserView {
  id: string;
  email: string;
  name: string;
  role: (typeof ROLES)[number];
  disabled: boolean;
}

export function UserRow({ user, isMe }: { user: UserView; isMe: boolean }) {
  const [roleState, roleAction] = useActionState(setUserRoleAction, null);
  const [disabledState, disabledAction, pending] = useActionState(setUserDisabledAction, null);
  const error = (roleState && !roleState.ok && roleState.error) || (disabledState && !disabledState.ok && disabledState.error);
  return (
    <tr data-testid={`user-${user.email}`}>
      <td className="py-2">
        <p className="font-medium">{user.name}</p>
        <p className="text-xs text-slate-500">{user.email}</p>
        {error && <p className="text-xs text-red-700" role="alert">{error}</p>}
      </td>
      <td>
        <form action={roleAction}>
          <input type="hidden" name="userId" value={user.id} />
          <label className="sr-only" htmlFor={`role-${user.id}`}>
            Role of {user.email}
          </label>
          <Select
            id={`role-${user.id}`}
            name="role"
            defaultValue={user.role}
            disabled={isMe}
            onChange={(e) => e.currentTarget.form?.requestSubmit()}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r.toLowerCase()}
              </option>
            ))}
          </Select>
        </form>
      </td>
      <td>{user.disabled ? <Badge value="REJECTED" label="disabled" /> : <Badge value="APPROVED" label="active" />}</td>
      <td className="text-right">
        {!isMe && (
          <form action={disabledAction}>
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="disabled" value={String(!user.disabled)} />
            <Button type="submit" variant={user.disabled ? "secondary" : "danger"} disabled={pending}>
              {user.disabled ? "Enable" : "Disable"}
            </Button>
          </form>
        )}
      </td>
    </tr>
  );
}
