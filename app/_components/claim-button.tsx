import { Button } from "@/app/_components/ui";

/** The "Start annotating" / "Start reviewing" button: claims the next item of a queue, and says why it could not. */
export function ClaimButton({ label, pending, error, onClick }: { label: string; pending: boolean; error: string | null; onClick: () => void }) {
  return (
    <div className="flex flex-col items-start gap-2">
      <Button type="button" autoFocus disabled={pending} onClick={onClick}>
        {pending ? "Claiming…" : label}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
