import { describe, expect, it } from "vitest";
import { jsonListElements, type ListEvent } from "./json-list";

async function events(...chunks: string[]): Promise<ListEvent[]> {
  async function* source() {
    yield* chunks;
  }
  const out: ListEvent[] = [];
  for await (const event of jsonListElements(source())) out.push(event);
  return out;
}

const texts = (list: ListEvent[]) => list.map((e) => (e.kind === "element" ? e.text : `!${e.message}`));

describe("jsonListElements", () => {
  it("yields each element's text, whatever the layout and chunking", async () => {
    const doc = '[\n{"a":"x, ] }","b":[1,{"c":"\\"}"}]},\n  {"d":2} , "s\\"]", 3, true]\n';
    const expected = ['{"a":"x, ] }","b":[1,{"c":"\\"}"}]}', '{"d":2}', '"s\\"]"', "3", "true"];
    expect(texts(await events(doc))).toEqual(expected);
    // Split into one-character chunks: state must carry across chunk boundaries.
    expect(texts(await events(...doc.split("")))).toEqual(expected);
    for (const text of expected) expect(() => JSON.parse(text)).not.toThrow();
  });

  it("accepts empty lists and numbers elements from 0", async () => {
    expect(await events("[]\n")).toEqual([]);
    expect((await events("[{}, {}]"))[1]).toEqual({ kind: "element", index: 1, text: "{}" });
  });

  it("reports structural problems with the record index", async () => {
    expect(texts(await events('{"a":1}'))).toEqual(['!the file must be one JSON list (starting with "["), found "{"']);
    expect(texts(await events("[{}, {} {}]"))).toEqual(["{}", "{}", '!expected "," or "]" after record 1, found "{"']);
    expect(texts(await events("[{}, {"))).toEqual(["{}", '!the file ends before the list is closed with "]"']);
    expect(texts(await events("[{},,{}]"))).toEqual(["{}", '!expected a record, found ","']);
    expect(texts(await events("[{}] x"))).toEqual(["{}", '!unexpected "x" after the end of the list']);
  });
});
