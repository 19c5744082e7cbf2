import { describe, expect, it } from "vitest";
import { buildChatRequest, chatRequestSchema, parseChatResponse, userMessage } from "./chat";
import { serverErrorMessage } from "./client";
import { modelEndpointSchema } from "./endpoint";

describe("modelEndpointSchema", () => {
  it("fills the defaults and trims the base URL", () => {
    const e = modelEndpointSchema.parse({ name: "vllm", baseUrl: "http://localhost:8000/v1/", model: "Qwen/Qwen2-VL-7B-Instruct", apiKey: "" });
    expect(e).toMatchObject({ baseUrl: "http://localhost:8000/v1", apiKey: null, temperature: 0, maxConcurrent: 4, systemPrompt: "" });
  });
  it("names the bad field", () => {
    const r = modelEndpointSchema.safeParse({ name: "x", baseUrl: "ftp://x", model: "" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["baseUrl", "model"]);
  });
});

describe("buildChatRequest", () => {
  it("puts the system prompt first and the image as a base64 data URL part", () => {
    const body = buildChatRequest(
      { model: "m", temperature: 0, maxTokens: 64, systemPrompt: "Be brief." },
      [userMessage("How many?", { mimeType: "image/png", data: new Uint8Array([1, 2, 3]) })],
    );
    expect(chatRequestSchema.safeParse(body).success).toBe(true);
    expect(body.messages[0]).toEqual({ role: "system", content: "Be brief." });
    expect(body.messages[1].content).toEqual([
      { type: "image_url", image_url: { url: "data:image/png;base64,AQID" } },
      { type: "text", text: "How many?" },
    ]);
    expect(body).toMatchObject({ model: "m", temperature: 0, max_tokens: 64, stream: false });
  });
});

describe("parseChatResponse", () => {
  it("reads the text and usage", () => {
    const r = parseChatResponse({ choices: [{ message: { content: "3" }, finish_reason: "stop" }], usage: { prompt_tokens: 10, completion_tokens: 1 } });
    expect(r).toEqual({ ok: true, reply: { content: "3", finishReason: "stop", model: null, usage: { promptTokens: 10, completionTokens: 1, totalTokens: 11 } } });
  });
  it("says what is missing", () => {
    expect(parseChatResponse({ choices: [] })).toEqual({ ok: false, problem: "choices: no choices in the reply" });
    expect(parseChatResponse({ choices: [{ message: { content: null } }] })).toMatchObject({ ok: false, problem: "choices.0.message.content: no text in the reply" });
  });
});

describe("serverErrorMessage", () => {
  it("takes the server's own words", () => {
    expect(serverErrorMessage('{"error":{"message":"model not found"}}')).toBe("model not found");
    expect(serverErrorMessage('{"error":"bad key"}')).toBe("bad key");
    expect(serverErrorMessage('{"detail":"Not Found"}')).toBe("Not Found");
    expect(serverErrorMessage("<html> oops\n</html>")).toBe("<html> oops </html>");
  });
});
