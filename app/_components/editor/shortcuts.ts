// Every keyboard shortcut of the item editor, listed once: the "?" overlay shows this table.

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ["Ctrl", "S"], what: "Save now (changes also save automatically)" },
  { keys: ["Ctrl", "Enter"], what: "Submit for review (blocked while there are lint errors)" },
  { keys: ["Alt", "→"], what: "Next item" },
  { keys: ["Alt", "←"], what: "Previous item" },
  { keys: ["Alt", "1…9"], what: "Jump to follow-up 1…9" },
  { keys: ["Alt", "↓"], what: "Next section: question → follow-up → stage 1 → stage 2 → …" },
  { keys: ["Alt", "↑"], what: "Previous section" },
  { keys: ["Alt", "Shift", "D"], what: "Draft the current follow-up from its tactic's template" },
  { keys: ["Alt", "Shift", "S"], what: "Skip this item (back to the queue for others) and take the next" },
  { keys: ["+"], what: "Zoom in (outside text fields)" },
  { keys: ["−"], what: "Zoom out" },
  { keys: ["0"], what: "Fit the image" },
  { keys: ["1"], what: "Image at actual size (1:1)" },
  { keys: ["← ↑ → ↓"], what: "Pan the image (when the image has focus; drag with the mouse too)" },
  { keys: ["g"], what: "Show the project's guidelines" },
  { keys: ["?"], what: "Show this list" },
  { keys: ["Esc"], what: "Close an overlay" },
  { keys: ["Tab"], what: "Move through every field and button" },
];

/** Whether a key event comes from a place where typing text (so single-letter shortcuts stay off). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(target.type);
  return false;
}
