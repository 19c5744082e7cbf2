"use client";

import { useActionState } from "react";
import { setGoldAction } from "@/app/_actions/quality";
import { Button, FormMessage } from "@/app/_components/ui";

export function GoldToggle({ projectId, itemId, isGold }: { projectId: string; itemId: string; isGold: boolean }) {
  const [state, action, pending] = useActionState(setGoldAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="gold" value={isGold ? "off" : "on"} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {isGold ? "Unmark gold" : "Mark as gold"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
