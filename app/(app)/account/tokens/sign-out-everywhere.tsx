"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { signOutEverywhereAction } from "@/app/_actions/users";
import { Button } from "@/app/_components/ui";

/** Ends every session of the user (other browsers, a forgotten shared machine), then this one. */
export function SignOutEverywhere() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-slate-600">Ends your sessions in every browser, this one included. API tokens keep working until you revoke them.</p>
      {error && (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
      <Button
        type="button"
        variant="danger"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          const result = await signOutEverywhereAction(null, {});
          if (!result.ok) {
            setError(result.error);
            setPending(false);
            return;
          }
          await signOut({ redirect: false });
          router.replace("/signin");
          router.refresh();
        }}
      >
        Sign out everywhere
      </Button>
    </div>
  );
}
