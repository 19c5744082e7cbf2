"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";
import { SignOutButton } from "./sign-out-button";

/**
 * The top bar. From the `md` breakpoint up every link is in one row; below it (phones, a tablet in portrait)
 * the links, the account and Sign out fold behind a Menu button (a disclosure: aria-expanded, Escape closes).
 */
export function MainNav({ links, whoami }: { links: { href: string; label: string }[]; whoami: string }) {
  const pathname = usePathname();
  // The page the menu was opened on: following a link (a new pathname) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);
  const button = useRef<HTMLButtonElement>(null);

  return (
    <nav
      aria-label="Main"
      className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <Link href="/projects" className="font-semibold tracking-tight">
        SRT&nbsp;Studio
      </Link>
      <button
        ref={button}
        type="button"
        className="ml-auto rounded-md border border-slate-600 px-3 py-1 text-sm text-slate-100 hover:bg-slate-800 md:hidden"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen(!open)}
      >
        {open ? "Close menu" : "Menu"}
      </button>
      <div
        id="main-menu"
        className={`${open ? "flex" : "hidden"} w-full flex-col gap-3 border-t border-slate-700 pt-3 md:flex md:w-auto md:flex-1 md:flex-row md:items-center md:gap-6 md:border-0 md:pt-0`}
      >
        {links.map((link) => (
          <Link
            key={link.href}
            href={link.href}
            aria-current={pathname.startsWith(link.href) ? "page" : undefined}
            className="text-sm text-slate-300 hover:text-white aria-[current=page]:text-white"
          >
            {link.label}
          </Link>
        ))}
        <span className="text-sm text-slate-300 md:ml-auto" data-testid="whoami">
          {whoami}
        </span>
        <div>
          <SignOutButton />
        </div>
      </div>
    </nav>
  );
}
