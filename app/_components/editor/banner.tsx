/** A one-line message above the editor: info (status) or error (alert), optionally dismissable. */
export function Banner({ tone, children, onDismiss, testId }: { tone: "info" | "error"; children: React.ReactNode; onDismiss?: () => void; testId: string }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={`flex items-start gap-3 rounded-xl border px-4 py-2.5 text-sm ${tone === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-sky-200 bg-sky-50 text-sky-900"}`}
    >
      <span className="flex-1">{children}</span>
      {onDismiss && (
        <button type="button" onClick={onDismiss} className="text-xs underline" aria-label="Dismiss">
          Dismiss
        </button>
      )}
    </div>
  );
}
