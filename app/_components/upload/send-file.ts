// One file, one POST, with upload progress (fetch cannot report it; XMLHttpRequest can).
import type { SendFile } from "@/lib/images/web/upload-queue";
import type { UploadResultView } from "@/lib/images/web/upload-result";

export interface BatchFields {
  source: string;
  license: string;
  attribution: string;
}

const RESULT_STATUSES = ["imported", "duplicate", "rejected"];

export function sendWithXhr(url: string): SendFile<File, BatchFields> {
  return (file, fields, onProgress) =>
    new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.responseType = "json";
      xhr.timeout = 15 * 60_000;
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => {
        const body = xhr.response as (UploadResultView & { error?: string }) | null;
        if (body && RESULT_STATUSES.includes(body.status)) {
          resolve({ ok: true, result: { ...body, filename: body.filename || file.name, nearDuplicates: body.nearDuplicates ?? [] } });
        } else if (xhr.status === 401) {
          resolve({ ok: false, error: "you are signed out: sign in again in another tab, then retry" });
        } else {
          resolve({ ok: false, error: body?.error ?? `the server answered ${xhr.status || "nothing"}` });
        }
      };
      xhr.onerror = () => resolve({ ok: false, error: "network error" });
      xhr.ontimeout = () => resolve({ ok: false, error: "timed out" });
      xhr.onabort = () => resolve({ ok: false, error: "cancelled" });
      const form = new FormData();
      form.append("file", file, file.name);
      for (const [name, value] of Object.entries(fields)) if (value.trim()) form.append(name, value);
      xhr.send(form);
    });
}
