"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the component, then true. A form whose submit
 * only works through its JavaScript handler disables its button until then: a click or Enter before
 * hydration would otherwise submit the form natively (a GET with its fields in the URL).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
