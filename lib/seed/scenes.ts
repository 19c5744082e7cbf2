// Demo scenes of coloured shapes whose counts and colours are known by construction, so every
// question in the demo project has a ground truth that is true of the picture.
import { seededRandom } from "../random/seeded";
import { plural } from "../format";

export const COLORS = { red: "#e23b3b", blue: "#2f6fed", green: "#22a35a", yellow: "#f2c230" } as const;
export type ColorName = keyof typeof COLORS;
export type ShapeKind = "circle" | "square" | "triangle";

export interface Shape {
  kind: ShapeKind;
  color: ColorName;
  x: number;
  y: number;
  size: number;
}

export interface Scene {
  index: number;
  width: number;
  height: number;
  shapes: Shape[];
}


const KINDS: ShapeKind[] = ["circle", "square", "triangle"];
const COLOR_NAMES = Object.keys(COLORS) as ColorName[];

/** Shapes on a grid of cells so none overlap and each stays countable. */
export function makeScene(index: number, width = 640, height = 480): Scene {
  const random = seededRandom(1000 + index);
  const cols = 5;
  const rows = 4;
  const cells = Array.from({ length: cols * rows }, (_, i) => i).sort(() => random() - 0.5);
  const count = 4 + Math.floor(random() * 8);
  const cellW = width / cols;
  const cellH = height / rows;
  const shapes = cells.slice(0, count).map((cell): Shape => {
    const size = Math.floor(Math.min(cellW, cellH) * (0.45 + random() * 0.3));
    return {
      kind: KINDS[Math.floor(random() * KINDS.length)],
      color: COLOR_NAMES[Math.floor(random() * COLOR_NAMES.length)],
      x: Math.round((cell % cols) * cellW + cellW / 2),
      y: Math.round(Math.floor(cell / cols) * cellH + cellH / 2),
      size,
    };
  });
  return { index, width, height, shapes };
}

export function sceneSvg(scene: Scene): string {
  const body = scene.shapes
    .map(({ kind, color, x, y, size }) => {
      const fill = COLORS[color];
      const h = size / 2;
      if (kind === "circle") return `<circle cx="${x}" cy="${y}" r="${h}" fill="${fill}"/>`;
      if (kind === "square") return `<rect x="${x - h}" y="${y - h}" width="${size}" height="${size}" fill="${fill}"/>`;
      return `<polygon points="${x},${y - h} ${x + h},${y + h} ${x - h},${y + h}" fill="${fill}"/>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}"><rect width="100%" height="100%" fill="#fbfaf7"/>${body}</svg>`;
}

export const countOf = (scene: Scene, color: ColorName, kind: ShapeKind) =>
  scene.shapes.filter((s) => s.color === color && s.kind === kind).length;

/** The text-only counterpart of the image, for modality-gap studies. */
export function sceneCaption(scene: Scene): string {
  const groups = new Map<string, number>();
  for (const s of scene.shapes) groups.set(`${s.color} ${s.kind}`, (groups.get(`${s.color} ${s.kind}`) ?? 0) + 1);
  const parts = [...groups.entries()].sort().map(([name, n]) => plural(n, name));
  return `A light canvas with ${plural(scene.shapes.length, "shape")}: ${parts.join(", ")}.`;
}
