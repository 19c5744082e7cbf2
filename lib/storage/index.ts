// The process-wide storage. Import names from the module that defines them (./keys, ./local, ./s3, ./types).
import "server-only";
import { resolveStorageConfig, type StorageConfig } from "./config";
import { LocalStorage } from "./local";
import { S3Storage } from "./s3";
import type { Storage } from "./types";


export function createStorage(config: StorageConfig = resolveStorageConfig()): Storage {
  return config.driver === "s3" ? new S3Storage(config) : new LocalStorage(config.root);
}

const globalForStorage = globalThis as unknown as { srtStorage?: Storage };

/** The process-wide storage, chosen by STORAGE_DRIVER (local by default). */
export function getStorage(): Storage {
  globalForStorage.srtStorage ??= createStorage();
  return globalForStorage.srtStorage;
}
