import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The secret that signs sessions: NEXTAUTH_SECRET, or one generated on first run and kept in
 * data/nextauth-secret, so a fresh install works without configuration and sessions survive restarts.
 */
export function authSecret(): string {
  const fromEnv = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (fromEnv) return fromEnv;
  // Read once per process: the proxy asks for it on every request.
  fileSecret ??= secretFromFile();
  return fileSecret;
}

let fileSecret: string | undefined;

function secretFromFile(): string {
  const file = path.resolve(/* turbopackIgnore: true */ process.env.SRT_DATA_DIR ?? "data", "nextauth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
}
