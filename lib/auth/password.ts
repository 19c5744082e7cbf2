import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";

// bcrypt (pure JS, no native build); cost 10 ≈ 70 ms here: slow for guessing, fine for a sign-in.
const COST = Number(process.env.SRT_BCRYPT_COST ?? 10);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  // Compare against a fixed hash when the user has none, so timing does not reveal which emails exist.
  dummyHash ??= bcrypt.hashSync("no user has this password", COST);
  return bcrypt.compare(password, hash ?? dummyHash);
}

let dummyHash: string | undefined;

/** A readable random password (for generated admin accounts). */
export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}
