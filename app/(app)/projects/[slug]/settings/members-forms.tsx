"use client";

import { ActionForm } from "@/app/_components/action-form";
import { useActionState } from "react";
import { addMemberAction, removeMemberAction } from "@/app/_actions/projects";
import { Button, Field, FormMessage, Input } from "@/app/_components/ui";

export function AddMemberForm({ projectId }: { projectId: string }) {
  const [state, action, pending] = useActionState(addMemberAction, null);
  return (
    <ActionForm action={action} resetOn={state?.ok && state} className="flex flex-col gap-2">
      <input type="hidden" name="projectId" value={projectId} />
      <Field label="Add a member by email" htmlFor="member-email" error={state && !state.ok ? state.fieldErrors?.email : undefined}>
        <Input id="member-email" name="email" type="email" required placeholder="annotator@lab.org" />
      </Field>
      <FormMessage state={state} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Add member
      </Button>
    </ActionForm>
  );
}

export function RemoveMemberButton({ projectId, userId }: { projectId: string; userId: string }) {
  const [, action, pending] = useActionState(removeMemberAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={pending} className="text-xs text-red-700 hover:underline">
        Remove
      </button>
    </form>
  );
}
