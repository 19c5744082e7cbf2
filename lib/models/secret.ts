// API keys of model endpoints, encrypted at rest with AES-256-GCM. The key comes from SRT_SECRET_KEY
// (32 bytes as base64/hex, or any passphrase, stretched); without it, from the auth secret that already
// signs sessions, so a fresh install works. Rotating the key makes stored API keys unreadable (re-enter them).
//
// Format: "v1.<iv>.<tag>.<ciphertext>", each base64url; v1 = AES-256-GCM, 12-byte IV, 16-byte tag.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { DomainError } from "../errors";
import { authSecret } from "../auth/secret";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The stored value cannot be decrypted: wrong key, altered, or not ours. */
export class SecretDecryptionError extends DomainError {
  constructor(reason: string) {
    super("UNPROCESSABLE", `The stored API key cannot be decrypted (${reason}). Enter the API key again.`);
  }
}

/** A 32-byte key from a configured value: raw base64 or hex of 32 bytes, else a passphrase run through HKDF. */
export function keyFromSecret(secret: string): Buffer {
  const value = secret.trim();
  if (value === "") throw new RangeError("an empty secret cannot make a key");
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value, "base64");
    if (bytes.length === 32) return bytes;
  }
  return Buffer.from(hkdfSync("sha256", value, "srt-studio", "model endpoint api keys v1", 32));
}

/** The key in use: SRT_SECRET_KEY, else derived from the auth secret. */
export function secretKey(): Buffer {
  const configured = process.env.SRT_SECRET_KEY;
  return keyFromSecret(configured && configured.trim() !== "" ? configured : authSecret());
}

/** `context` (e.g. the endpoint's id) is bound in: a ciphertext copied to another row does not decrypt. */
export function encryptSecret(plaintext: string, options: { key?: Buffer; context?: string } = {}): string {
  const key = options.key ?? secretKey();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(`${VERSION}:${options.context ?? ""}`));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(stored: string, options: { key?: Buffer; context?: string } = {}): string {
  const parts = stored.split(".");
  if (parts[0] !== VERSION) throw new SecretDecryptionError(`unknown format "${parts[0]?.slice(0, 8) ?? ""}"`);
  if (parts.length !== 4) throw new SecretDecryptionError("malformed value");
  const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, "base64url"));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptionError("malformed value");
  const key = options.key ?? secretKey();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${VERSION}:${options.context ?? ""}`));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError("the secret key changed or the value was altered");
  }
}
