// POST /api/v1/projects/<slug>/images: one image, multipart (`file`, `source`, `license`, `attribution`).
// It is the web uploader's own route handler (app/api/projects/[slug]/assets), so an API upload and a
// browser upload give the same result: membership check, size limits, shared near-duplicate index,
// 201 imported / 200 duplicate / 422 refused / 413 too large.
export { POST } from "@/app/api/projects/[slug]/assets/route";
