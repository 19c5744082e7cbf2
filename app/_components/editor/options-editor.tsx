"use client";

import { useEffect, useRef } from "react";
import { optionLabel } from "@/lib/lints/normalize";
import { optionsFromPaste, stripOptionLabels } from "@/lib/lints/option-labels";
import type { LintIssue } from "@/lib/lints/types";
import { borderFor, describedBy, inputClass, Issues, SmallButton } from "./fields";

/**
 * Multiple-choice options, labelled A, B, C…: add, remove and reorder. Enter in an option adds one below
 * it; pasting several lines makes one option per line. Labels typed or pasted with the options ("A. dog",
 * "(B) cat") are dropped once every option has its own: the letters are shown already.
 */
export function OptionsEditor({ options, onChange, issues, ignored }: { options: string[]; onChange: (options: string[]) => void; issues: LintIssue[]; ignored?: boolean }) {
  const list = useRef<HTMLOListElement>(null);
  // The option to focus once the list has re-rendered (after add, move or remove).
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    if (pendingFocus.current === null) return;
    list.current?.querySelectorAll<HTMLInputElement>("input")[pendingFocus.current]?.focus();
    pendingFocus.current = null;
  });
  const setFocusIndex = (i: number) => (pendingFocus.current = i);

  const move = (from: number, to: number) => {
    const next = [...options];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    onChange(next);
    setFocusIndex(to);
  };
  /** Several lines pasted into option `at`: they replace it (and the empty ones after it), one option per line. */
  const paste = (at: number, text: string) => {
    const pasted = optionsFromPaste(text);
    if (pasted.length < 2) return false;
    const keep = options.slice(0, at);
    let rest = at + 1;
    while (rest < options.length && rest < at + pasted.length && options[rest].trim() === "") rest++;
    onChange(stripOptionLabels([...keep, ...pasted, ...options.slice(rest)]).slice(0, 26));
    setFocusIndex(Math.min(at + pasted.length - 1, 25));
    return true;
  };
  const tidy = () => {
    const stripped = stripOptionLabels(options);
    if (stripped.some((o, i) => o !== options[i])) onChange(stripped);
  };
  const insert = (at: number) => {
    onChange([...options.slice(0, at), "", ...options.slice(at)]);
    setFocusIndex(at);
  };

  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={issues.length ? "options-issues" : undefined}>
      <legend className="text-sm font-medium text-slate-700">Options{ignored ? " (ignored for this answer type)" : ""}</legend>
      <ol ref={list} className="flex flex-col gap-1.5">
        {options.map((option, i) => {
          const label = optionLabel(i);
          return (
            <li key={i} className="flex items-center gap-1.5">
              <span className="w-5 text-center text-sm font-semibold text-slate-600" aria-hidden>
                {label}
              </span>
              <input
                aria-label={`Option ${label}`}
                value={option}
                maxLength={500}
                onChange={(e) => onChange(options.map((o, j) => (j === i ? e.target.value : o)))}
                onPaste={(e) => {
                  if (paste(i, e.clipboardData.getData("text/plain"))) e.preventDefault();
                }}
                onBlur={tidy}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && !e.altKey && !e.ctrlKey && !e.metaKey) {
                    e.preventDefault();
                    insert(i + 1);
                  }
                }}
                className={`${inputClass} ${borderFor(option.trim() === "" ? issues : [])}`}
                {...describedBy("options", [])}
              />
              <SmallButton aria-label={`Move option ${label} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>
                ↑
              </SmallButton>
              <SmallButton aria-label={`Move option ${label} down`} disabled={i === options.length - 1} onClick={() => move(i, i + 1)}>
                ↓
              </SmallButton>
              <SmallButton
                aria-label={`Remove option ${label}`}
                onClick={() => {
                  onChange(options.filter((_, j) => j !== i));
                  setFocusIndex(Math.max(0, i - 1));
                }}
              >
                ✕
              </SmallButton>
            </li>
          );
        })}
      </ol>
      <div>
        <SmallButton onClick={() => insert(options.length)} disabled={options.length >= 26}>
          + Add option
        </SmallButton>
      </div>
      <Issues id="options-issues" issues={issues} />
    </fieldset>
  );
}
