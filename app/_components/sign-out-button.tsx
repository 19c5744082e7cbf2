"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    // The session ends on the server; the browser then goes to this site's sign-in page by a relative
    // URL, whatever host or port the app is reached at.
    <button
      type="button"
      onClick={async () => {
        await signOut({ redirect: false });
        window.location.assign("/signin");
      }}
      className="text-sm text-slate-300 hover:text-white">
      Sign out
    </button>
  );
}
