"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";

export function SignOutButton() {
  const router = useRouter();
  return (
    // The session ends on the server; the browser then goes to this site's sign-in page by a relative
    // URL, whatever host or port the app is reached at (never next-auth's idea of the base URL).
    <button
      type="button"
      onClick={async () => {
        await signOut({ redirect: false });
        router.replace("/signin");
        router.refresh();
      }}
      className="text-sm text-slate-300 hover:text-white"
    >
      Sign out
    </button>
  );
}
