"use client";

import { ActionForm } from "@/app/_components/action-form";
import { useActionState } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/_actions/tokens";
import { Button, Field, FormMessage, Input } from "@/app/_components/ui";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createTokenAction, null);
  const token = state?.ok ? (state.data as { token?: string } | undefined)?.token : undefined;
  return (
    <ActionForm action={action} resetOn={state?.ok && state} className="flex flex-col gap-3">
      <Field label="Token name" htmlFor="token-name" error={state && !state.ok ? state.fieldErrors?.name : undefined} hint="e.g. training cluster, nightly export">
        <Input id="token-name" name="name" required maxLength={80} />
      </Field>
      <Button type="submit" disabled={pending}>
        Create token
      </Button>
      <FormMessage state={state} />
      {token && (
        <div className="rounded-lg bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">Copy it now: it will not be shown again.</p>
          <code className="mt-2 block break-all rounded bg-white p-2 font-mono text-xs" data-testid="new-token">
            {token}
          </code>
        </div>
      )}
    </ActionForm>
  );
}

export function RevokeTokenButton({ tokenId }: { tokenId: string }) {
  const [, action, pending] = useActionState(revokeTokenAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" variant="danger" disabled={pending}>
        Revoke
      </Button>
    </form>
  );
}
