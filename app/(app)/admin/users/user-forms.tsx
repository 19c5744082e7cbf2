"use client";

import { ActionForm } from "@/app/_components/action-form";
import { useActionState } from "react";
import { createUserAction, endUserSessionsAction, setUserDisabledAction, setUserRoleAction, unlockUserAction } from "@/app/_actions/users";
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

export function UserRow({ user, isMe, locked }: { user: UserView; isMe: boolean; locked: boolean }) {
  const [roleState, roleAction] = useActionState(setUserRoleAction, null);
  const [disabledState, disabledAction, pending] = useActionState(setUserDisabledAction, null);
  const [sessionsState, sessionsAction, endingSessions] = useActionState(endUserSessionsAction, null);
  const [unlockState, unlockAction, unlocking] = useActionState(unlockUserAction, null);
  const states = [roleState, disabledState, sessionsState, unlockState];
  const error = states.map((s) => (s && !s.ok ? s.error : null)).find(Boolean);
  const done = !error && (sessionsState?.ok ? sessionsState.message : unlockState?.ok ? unlockState.message : null);
  return (
    <tr data-testid={`user-${user.email}`}>
      <td className="py-2">
        <p className="font-medium">{user.name}</p>
        <p className="text-xs text-slate-500">{user.email}</p>
        {error && <p className="text-xs text-red-700" role="alert">{error}</p>}
        {done && <p className="text-xs text-emerald-700" role="status">{done}</p>}
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
      <td>
        {user.disabled ? <Badge value="REJECTED" label="disabled" /> : <Badge value="APPROVED" label="active" />}
        {locked && <Badge value="CHANGES_REQUESTED" label="sign-in locked" />}
      </td>
      <td className="flex flex-wrap justify-end gap-2 py-2 text-right">
        {locked && (
          <form action={unlockAction}>
            <input type="hidden" name="userId" value={user.id} />
            <Button type="submit" variant="secondary" disabled={unlocking}>
              Unlock sign-in
            </Button>
          </form>
        )}
        {!isMe && (
          <form action={sessionsAction}>
            <input type="hidden" name="userId" value={user.id} />
            <Button type="submit" variant="secondary" disabled={endingSessions}>
              End sessions
            </Button>
          </form>
        )}
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
