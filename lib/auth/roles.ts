import { z } from "zod";

export const ROLES = ["ADMIN", "RESEARCHER", "REVIEWER", "ANNOTATOR"] as const;
export type RoleName = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const ROLE_DESCRIPTIONS: Record<RoleName, string> = {
  ADMIN: "Manages users and every project",
  RESEARCHER: "Creates projects, exports datasets, measures models",
  REVIEWER: "Audits rationales: approves, requests changes, rejects",
  ANNOTATOR: "Writes items, follow-ups and reflective rationales",
};

/** The signed-in person as the server sees them (always re-read from the database, never trusted from the cookie). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: RoleName;
}

/** ADMIN may do everything; otherwise the role must be listed. */
export function hasRole(user: Pick<SessionUser, "role">, roles: readonly RoleName[]): boolean {
  return user.role === "ADMIN" || roles.includes(user.role);
}

/** Who may do what, in one place, so pages, actions, routes and the CLI agree. */
export const PERMISSIONS = {
  manageUsers: ["ADMIN"],
  createProject: ["ADMIN", "RESEARCHER"],
  manageProject: ["ADMIN", "RESEARCHER"],
  importData: ["ADMIN", "RESEARCHER", "ANNOTATOR"],
  annotate: ["ADMIN", "ANNOTATOR"],
  review: ["ADMIN", "REVIEWER", "RESEARCHER"],
  exportData: ["ADMIN", "RESEARCHER"],
  bulkEditItems: ["ADMIN"],
  viewProject: ["ADMIN", "RESEARCHER", "REVIEWER", "ANNOTATOR"],
  /** The quality dashboard, gold items and a project's audit log. */
  viewQuality: ["ADMIN", "RESEARCHER"],
  /** Evaluation runs: start, cancel, see results (issue 12). */
  runEvaluations: ["ADMIN", "RESEARCHER"],
  /** Model endpoints: add, edit, delete, test, and bulk model answers. */
  manageModels: ["ADMIN", "RESEARCHER"],
  /** "Ask model" and "Draft with model" in the editor (the project must have the endpoint enabled). */
  askModel: ["ADMIN", "RESEARCHER", "ANNOTATOR"],
} as const satisfies Record<string, readonly RoleName[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(user: Pick<SessionUser, "role">, permission: Permission): boolean {
  return hasRole(user, PERMISSIONS[permission]);
}

/**
 * Item fields only some roles may change (autosave sends every field: a change to one of these by a
 * role without the permission is refused with 403, an unchanged value passes).
 */
export const ITEM_FIELD_PERMISSIONS = {
  isGold: "manageProject",
} as const satisfies Record<string, Permission>;
