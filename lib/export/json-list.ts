// Streams the elements of one top-level JSON list without holding the file: yields each element's
// text (parse it yourself) or a syntax problem, in constant memory per element.

export type ListEvent = { kind: "element"; index: number; text: string } | { kind: "error"; index: number; message: string };

type State = "start" | "first" | "value" | "element" | "after" | "end";

export async function* jsonListElements(chunks: AsyncIterable<string>): AsyncGenerator<ListEvent> {
  let state: State = "start";
  let index = 0;
  let parts: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let primitive = false;

  for await (const chunk of chunks) {
    let from = state === "element" ? 0 : -1; // start of the current element's text in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (state === "element") {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === "\\") escaped = true;
          else if (c === '"') {
            inString = false;
            if (depth === 0) {
              parts.push(chunk.slice(from, i + 1));
              yield { kind: "element", index: index++, text: parts.join("") };
              parts = [];
              state = "after";
            }
          }
          continue;
        }
        if (primitive) {
          if (c === "," || c === "]" || c === " " || c === "\n" || c === "\r" || c === "\t") {
            parts.push(chunk.slice(from, i));
            yield { kind: "element", index: index++, text: parts.join("") };
            parts = [];
            primitive = false;
            state = "after";
            i--; // the separator is handled in "after"
          }
          continue;
        }
        if (c === '"') inString = true;
        else if (c === "{" || c === "[") depth++;
        else if (c === "}" || c === "]") {
          depth--;
          if (depth === 0) {
            parts.push(chunk.slice(from, i + 1));
            yield { kind: "element", index: index++, text: parts.join("") };
            parts = [];
            state = "after";
          }
        }
        continue;
      }
      if (c === " " || c === "\n" || c === "\r" || c === "\t") continue;
      if (state === "start") {
        if (c !== "[") {
          yield { kind: "error", index: 0, message: `the file must be one JSON list (starting with "["), found "${c}"` };
          return;
        }
        state = "first";
      } else if (state === "first" || state === "value") {
        if (c === "]" && state === "first") {
          state = "end";
          continue;
        }
        if (c === "]" || c === ",") {
          yield { kind: "error", index, message: `expected a record, found "${c}"` };
          return;
        }
        state = "element";
        from = i;
        depth = c === "{" || c === "[" ? 1 : 0;
        inString = c === '"';
        escaped = false;
        primitive = !inString && depth === 0;
      } else if (state === "after") {
        if (c === ",") state = "value";
        else if (c === "]") state = "end";
        else {
          yield { kind: "error", index, message: `expected "," or "]" after record ${index - 1}, found "${c}"` };
          return;
        }
      } else {
        yield { kind: "error", index, message: `unexpected "${c}" after the end of the list` };
        return;
      }
    }
    if (state === "element") {
      parts.push(chunk.slice(from));
    }
  }
  if (state === "element" && primitive) {
    yield { kind: "element", index: index++, text: parts.join("") };
    state = "after";
  }
  if ((state as State) !== "end") yield { kind: "error", index, message: "the file ends before the list is closed with \"]\"" };
}
