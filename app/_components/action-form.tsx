"use client";

import { startTransition, type ComponentProps } from "react";

/**
 * A form that calls a server action WITHOUT React's automatic reset, so a validation error never wipes
 * what the person typed (React 19 resets uncontrolled fields after every `<form action>` submission).
 */
export function ActionForm({ action, ...props }: Omit<ComponentProps<"form">, "action" | "onSubmit"> & { action: (data: FormData) => void }) {
  return (
    <form
      {...props}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => action(data));
      }}
    />
  );
}
