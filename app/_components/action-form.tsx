"use client";

import { startTransition, useEffect, useRef, type ComponentProps } from "react";

/**
 * A form that calls a server action WITHOUT React's automatic reset, so a validation error never wipes
 * what the person typed (React 19 resets uncontrolled fields after every `<form action>` submission).
 * `resetOn`: pass the action's state when it succeeded (a new object per success) to empty the form then,
 * so the next entry starts blank and a second click does not send the same values again.
 */
export function ActionForm({
  action,
  resetOn,
  ref,
  ...props
}: Omit<ComponentProps<"form">, "action" | "onSubmit"> & { action: (data: FormData) => void; resetOn?: object | null | false }) {
  const form = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    if (resetOn) form.current?.reset();
  }, [resetOn]);
  return (
    <form
      {...props}
      // Ours, and the caller's (e.g. the export form reads its fields for the live summary).
      ref={(element) => {
        form.current = element;
        if (typeof ref === "function") ref(element);
        else if (ref) ref.current = element;
      }}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => action(data));
      }}
    />
  );
}
