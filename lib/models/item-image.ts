// An item's image as the model sees it: the display version (what annotators look at), read from storage.
import { NotFoundError } from "../errors";
import type { Storage } from "../storage/types";
import type { ImageInput } from "./chat";

export async function displayImage(store: Pick<Storage, "get">, displayKey: string): Promise<ImageInput> {
  const object = await store.get(displayKey);
  if (!object) throw new NotFoundError("image in storage", displayKey);
  const chunks: Buffer[] = [];
  for await (const chunk of object.stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return { mimeType: object.contentType || "image/jpeg", data: Buffer.concat(chunks) };
}
