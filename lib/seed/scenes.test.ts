import { describe, expect, it } from "vitest";
import { countOf, makeScene, sceneCaption, sceneSvg } from "./scenes";

describe("demo scenes", () => {
  it("are deterministic and countable", () => {
    expect(makeScene(3)).toEqual(makeScene(3));
    expect(makeScene(3)).not.toEqual(makeScene(4));
    const scene = makeScene(5);
    const total = (["red", "blue", "green", "yellow"] as const)
      .flatMap((c) => (["circle", "square", "triangle"] as const).map((k) => countOf(scene, c, k)))
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(scene.shapes.length);
  });
  it("caption and SVG describe every shape", () => {
    const scene = makeScene(1);
    expect(sceneCaption(scene)).toMatch(new RegExp(`^A light canvas with ${scene.shapes.length} shapes?:`));
    expect(sceneSvg(scene).match(/<(circle|rect|polygon) /g)!.length).toBe(scene.shapes.length + 1);
  });
});
