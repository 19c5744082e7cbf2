"use client";

import type { ComponentProps, ReactNode } from "react";
import type { LintIssue } from "@/lib/lints/types";
import { FieldReviewComments } from "./review-comments";

const cx = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join(" ");

export const inputClass = "w-full rounded-lg border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 disabled:bg-slate-50 disabled:text-slate-600";

export function borderFor(issues: LintIssue[]): string {
  if (issues.some((i) => i.severity === "error")) return "border-red-400";
  if (issues.length > 0) return "border-amber-400";
  return "border-slate-300";
}

/** Lint messages under a field: errors red (they block submit), warnings amber. */
export function Issues({ id, issues }: { id: string; issues: LintIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="mt-1 flex flex-col gap-0.5 text-xs" data-testid="field-issues">
      {issues.map((issue) => (
        <li key={issue.rule + issue.message} className={issue.severity === "error" ? "text-red-700" : "text-amber-700"} data-severity={issue.severity}>
          <span className="sr-only">{issue.severity === "error" ? "Error: " : "Warning: "}</span>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

/** The accessibility attributes that tie a control to its lint messages. */
export function describedBy(id: string, issues: LintIssue[], hintId?: string) {
  const ids = [issues.length > 0 ? `${id}-issues` : null, hintId].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": issues.some((i) => i.severity === "error") || undefined };
}

interface BaseProps {
  id: string;
  label: ReactNode;
  issues: LintIssue[];
  hint?: string;
  className?: string;
  onTouched?: () => void;
}

export function TextField({ id, label, issues, hint, className, onTouched, ...input }: BaseProps & Omit<ComponentProps<"input">, "id">) {
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input id={id} {...input} onBlur={onTouched} className={cx(inputClass, borderFor(issues))} {...describedBy(id, issues, hint ? `${id}-hint` : undefined)} />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <Issues id={`${id}-issues`} issues={issues} />
      <FieldReviewComments id={id} />
    </div>
  );
}

export function TextArea({ id, label, issues, hint, className, onTouched, ...input }: BaseProps & Omit<ComponentProps<"textarea">, "id">) {
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea id={id} {...input} onBlur={onTouched} className={cx(inputClass, "resize-y", borderFor(issues))} {...describedBy(id, issues, hint ? `${id}-hint` : undefined)} />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <Issues id={`${id}-issues`} issues={issues} />
      <FieldReviewComments id={id} />
    </div>
  );
}

export function SelectField({ id, label, issues, hint, className, onTouched, children, ...select }: BaseProps & Omit<ComponentProps<"select">, "id">) {
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} {...select} onBlur={onTouched} className={cx(inputClass, borderFor(issues))} {...describedBy(id, issues, hint ? `${id}-hint` : undefined)}>
        {children}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <Issues id={`${id}-issues`} issues={issues} />
      <FieldReviewComments id={id} />
    </div>
  );
}

export function SmallButton({ className, ...props }: ComponentProps<"button">) {
  return (
    <button
      type="button"
      {...props}
      className={cx("rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:text-slate-300", className)}
    />
  );
}
