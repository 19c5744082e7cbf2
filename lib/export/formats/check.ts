import type { z } from "zod";

/** Zod issues as "path: message" lines; [] when the value fits. */
export function shapeErrors(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join(".") : "record";
    // "missing" reads better than zod's "expected string, received undefined".
    const message = /received undefined/.test(issue.message) ? "missing" : issue.message;
    return `${where}: ${message}`;
  });
}

/** Roles must alternate user/assistant, starting with the user and ending with the assistant. */
export function alternationErrors(roles: string[], user: string, assistant: string, field: string): string[] {
  const errors: string[] = [];
  roles.forEach((role, i) => {
    const expected = i % 2 === 0 ? user : assistant;
    if (role !== expected) errors.push(`${field}.${i}: expected "${expected}" here (turns alternate ${user}/${assistant}), got "${role}"`);
  });
  if (roles.length % 2 !== 0) errors.push(`${field}: the conversation must end with an ${assistant} turn`);
  return errors;
}

/** Relative image paths must stay inside the export folder. */
export function unsafePathError(path: string, field: string): string | null {
  if (path.startsWith("/") || path.split(/[\\/]/).includes("..") || /^[a-z]+:/i.test(path)) {
    return `${field}: "${path}" must be a relative path inside the export folder`;
  }
  return null;
}

/**
 * SRT exports are four-turn conversations (question, first answer, follow-up, reply), or two turns for a
 * one-round injection (question with the user's opinion, reply).
 */
export function srtTurnErrors(count: number, field: string): string[] {
  return count === 4 || count === 2 ? [] : [`${field}: an SRT record has 4 turns (question, answer, follow-up, reply) or 2 (question with the user's opinion, reply), found ${count}`];
}
