import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, keyFromSecret, SecretDecryptionError, secretKey } from "./secret";

const key = randomBytes(32);

describe("API-key encryption", () => {
  const saved = process.env.SRT_SECRET_KEY;
  afterEach(() => {
    if (saved === undefined) delete process.env.SRT_SECRET_KEY;
    else process.env.SRT_SECRET_KEY = saved;
  });

  it("round-trips, in a versioned format, with a fresh IV each time", () => {
    const a = encryptSecret("sk-test-123 ünïcode", { key });
    const b = encryptSecret("sk-test-123 ünïcode", { key });
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("sk-test");
    expect(decryptSecret(a, { key })).toBe("sk-test-123 ünïcode");
  });

  it("detects tampering, a wrong key, a different context and unknown versions", () => {
    const stored = encryptSecret("sk-secret", { key, context: "endpoint-1" });
    const [v, iv, tag, ct] = stored.split(".");
    const flipped = Buffer.from(ct, "base64url");
    flipped[0] ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join("."), { key, context: "endpoint-1" })).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(stored, { key: randomBytes(32), context: "endpoint-1" })).toThrow(/secret key changed or the value was altered/);
    expect(() => decryptSecret(stored, { key, context: "endpoint-2" })).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(stored.replace(/^v1/, "v9"), { key })).toThrow(/unknown format "v9"/);
    expect(() => decryptSecret("v1.abc", { key })).toThrow(/malformed/);
    expect(decryptSecret(stored, { key, context: "endpoint-1" })).toBe("sk-secret");
  });

  it("takes the key from SRT_SECRET_KEY: 32 raw bytes as hex or base64, or a passphrase", () => {
    const raw = randomBytes(32);
    expect(keyFromSecret(raw.toString("hex")).equals(raw)).toBe(true);
    expect(keyFromSecret(raw.toString("base64")).equals(raw)).toBe(true);
    const stretched = keyFromSecret("correct horse battery staple");
    expect(stretched).toHaveLength(32);
    expect(stretched.equals(keyFromSecret("correct horse battery staple"))).toBe(true);
    process.env.SRT_SECRET_KEY = raw.toString("hex");
    expect(secretKey().equals(raw)).toBe(true);
    const stored = encryptSecret("sk-env");
    expect(decryptSecret(stored, { key: raw })).toBe("sk-env");
  });
});
