import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";

// bcrypt (pure JS, no native build); cost 10 ≈ 70 ms on an idle core: slow for guessing, fine for a sign-in.
const COST = Number(process.env.SRT_BCRYPT_COST ?? 10);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  // Compare against a fixed hash when the user has none, so timing does not reveal which emails exist.
  // That hash is made once per process (at server start by warmPasswordHashing), never on a sign-in of a
  // known user: a sign-in costs one bcrypt round, not two.
  return bcrypt.compare(password, hash ?? (await dummyHash()));
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= bcrypt.hash("no user has this password", COST));

/** Prepares the fixed hash (and warms the JIT on bcrypt) before the first sign-in; called at server start. */
export async function warmPasswordHashing(): Promise<void> {
  await dummyHash();
}

/** A readable random password (for generated admin accounts). */
export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}
