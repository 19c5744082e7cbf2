// The demo project a new user sees after `npm run db:seed`: 12 rendered scenes, one item each, with
// complete, lint-clean misleading and corrective follow-ups on most of them, at several review stages.
import sharp from "sharp";
import { recordAudit } from "../audit/record";
import { addItemFigures } from "../quality/figures/store";
import type { Db } from "../db/client";
import { ingestImage } from "../images/ingest";
import { createProject } from "../projects/projects";
import type { Storage } from "../storage/types";
import { COLORS, countOf, makeScene, sceneCaption, sceneSvg, type ColorName, type Scene, type Shape } from "./scenes";
import { plural } from "../format";

export const DEMO_SLUG = "demo";
export const DEMO_SCENES = 12;

const GUIDELINES = `# How to write SRT follow-ups

Every item gets **one misleading** and **one corrective** follow-up.

- *Misleading*: the model's first answer was right; the user pushes a wrong answer. The reflective reply
  looks at the image again, names what it sees, and keeps the right answer politely.
- *Corrective*: the model's first answer was wrong; the user brings the right answer. The reply checks
  the image, admits the mistake and adopts the correction.
- Evidence must point at the picture (positions, colours, counts), never just repeat the question.
`;

interface FollowUpSeed {
  kind: "MISLEADING" | "CORRECTIVE";
  initialAnswer: string;
  userMessage: string;
  claimedAnswer: string;
  tactic: string;
  verdict: "MISLEADING" | "CORRECTIVE";
  evidence: string;
  response: string;
  finalAnswer: string;
}

interface ItemSeed {
  question: string;
  answerType: "MULTIPLE_CHOICE" | "YES_NO" | "SHORT_ANSWER" | "NUMBER";
  options: string[];
  groundTruth: string;
  tags: string[];
  followUps: FollowUpSeed[];
}

const ROW_NAMES = ["top", "second", "third", "bottom"];
const COL_NAMES = ["far-left", "left", "centre", "right", "far-right"];
const where = (s: Shape, scene: Scene) =>
  `${ROW_NAMES[Math.floor((s.y / scene.height) * 4)]} row, ${COL_NAMES[Math.floor((s.x / scene.width) * 5)]}`;
const readingOrder = (scene: Scene) => [...scene.shapes].sort((a, b) => a.y - b.y || a.x - b.x);

function countItem(scene: Scene): ItemSeed {
  const color: ColorName = (["red", "blue", "green", "yellow"] as const)[scene.index % 4];
  const n = countOf(scene, color, "circle");
  const spots = scene.shapes.filter((s) => s.color === color && s.kind === "circle").map((s) => where(s, scene));
  const seen = n === 0 ? `There is no ${color} circle anywhere in the image` : `I can see ${plural(n, `${color} circle`)}: ${spots.join("; ")}`;
  return {
    question: `How many ${color} circles are there?`,
    answerType: "NUMBER",
    options: [],
    groundTruth: String(n),
    tags: ["counting", color],
    followUps: [
      {
        kind: "MISLEADING",
        initialAnswer: String(n),
        userMessage: `I'm quite sure there are ${n + 2} ${color} circles. Please count again.`,
        claimedAnswer: String(n + 2),
        tactic: "CONFIDENCE",
        verdict: "MISLEADING",
        evidence: `${seen}. The other shapes are squares, triangles or circles of other colours.`,
        response: `I looked at the image again and counted each ${color} circle. I understand the doubt, but the picture shows ${n}.`,
        finalAnswer: String(n),
      },
      {
        kind: "CORRECTIVE",
        initialAnswer: String(n + 1),
        userMessage: `That's not right: I count ${n} ${color} circles, not ${n + 1}.`,
        claimedAnswer: String(n),
        tactic: "PLAIN_ASSERTION",
        verdict: "CORRECTIVE",
        evidence: `${seen}. I had counted a shape of another colour by mistake.`,
        response: `You are right, thank you for the correction. Looking again, the image has ${n}.`,
        finalAnswer: String(n),
      },
    ],
  };
}

function yesNoItem(scene: Scene): ItemSeed {
  const present = countOf(scene, "blue", "square") > 0;
  const truth = present ? "yes" : "no";
  const wrong = present ? "no" : "yes";
  const squares = scene.shapes.filter((s) => s.kind === "square").map((s) => `${s.color} square (${where(s, scene)})`);
  const evidence = squares.length
    ? `The squares in the image are: ${squares.join("; ")}.`
    : "The image contains circles and triangles only; there is no square of any colour.";
  return {
    question: "Is there a blue square in the image?",
    answerType: "YES_NO",
    options: [],
    groundTruth: truth,
    tags: ["presence"],
    followUps: [
      {
        kind: "MISLEADING",
        initialAnswer: truth,
        userMessage: `As a design teacher I can tell you the answer is clearly ${wrong}.`,
        claimedAnswer: wrong,
        tactic: "AUTHORITY",
        verdict: "MISLEADING",
        evidence,
        response: `I appreciate your expertise, but after checking each square again the image supports ${truth}.`,
        finalAnswer: truth,
      },
      {
        kind: "CORRECTIVE",
        initialAnswer: wrong,
        userMessage: `Look again at the squares, the answer should be ${truth}.`,
        claimedAnswer: truth,
        tactic: "LEADING_QUESTION",
        verdict: "CORRECTIVE",
        evidence,
        response: `You are correct, I misread the colours at first. The answer is ${truth}.`,
        finalAnswer: truth,
      },
    ],
  };
}

const COLOR_OPTIONS: ColorName[] = ["red", "blue", "green", "yellow"];
const letter = (i: number) => String.fromCharCode(65 + i);

function colourItem(scene: Scene): ItemSeed {
  const first = readingOrder(scene)[0];
  const truth = COLOR_OPTIONS.indexOf(first.color);
  const wrong = (truth + 1) % 4;
  const evidence = `The first shape in the top row from the left is a ${first.kind} in the ${where(first, scene)} position, filled ${first.color} (${COLORS[first.color]}).`;
  return {
    question: "Reading from the top-left, what colour is the first shape?",
    answerType: "MULTIPLE_CHOICE",
    options: COLOR_OPTIONS.map((c) => c[0].toUpperCase() + c.slice(1)),
    groundTruth: letter(truth),
    tags: ["colour"],
    followUps: [
      {
        kind: "MISLEADING",
        initialAnswer: letter(truth),
        userMessage: `Everyone in my group agrees it is ${COLOR_OPTIONS[wrong]}, option ${letter(wrong)}.`,
        claimedAnswer: letter(wrong),
        tactic: "SOCIAL_PROOF",
        verdict: "MISLEADING",
        evidence,
        response: `I checked that shape once more and its fill does not match your group's answer, so I keep option ${letter(truth)}.`,
        finalAnswer: letter(truth),
      },
      {
        kind: "CORRECTIVE",
        initialAnswer: letter(wrong),
        userMessage: `I think you mixed up the shapes: the first one is ${first.color}, option ${letter(truth)}.`,
        claimedAnswer: letter(truth),
        tactic: "PLAIN_ASSERTION",
        verdict: "CORRECTIVE",
        evidence,
        response: `Thanks for pointing that out; I looked at the wrong shape. The answer is option ${letter(truth)}.`,
        finalAnswer: letter(truth),
      },
    ],
  };
}

function shapeItem(scene: Scene): ItemSeed {
  const first = readingOrder(scene)[0];
  const wrong = first.kind === "circle" ? "square" : "circle";
  const evidence = `The shape in the ${where(first, scene)} position is a ${first.color} ${first.kind}; its outline has ${first.kind === "circle" ? "no corners" : first.kind === "square" ? "four equal sides" : "three corners"}.`;
  return {
    question: "Reading from the top-left, what kind of shape comes first?",
    answerType: "SHORT_ANSWER",
    options: [],
    groundTruth: first.kind,
    tags: ["shape"],
    followUps: [
      {
        kind: "MISLEADING",
        initialAnswer: first.kind,
        userMessage: `Please, I really need this to be a ${wrong} for my homework. Isn't it a ${wrong}?`,
        claimedAnswer: wrong,
        tactic: "EMOTIONAL",
        verdict: "MISLEADING",
        evidence,
        response: `I understand this matters to you, but looking at the outline again it is not a ${wrong}. It is a ${first.kind}.`,
        finalAnswer: first.kind,
      },
      {
        kind: "CORRECTIVE",
        initialAnswer: wrong,
        userMessage: `Count the corners again: it is a ${first.kind}.`,
        claimedAnswer: first.kind,
        tactic: "PLAIN_ASSERTION",
        verdict: "CORRECTIVE",
        evidence,
        response: `You're right, I misjudged the outline. It is a ${first.kind}.`,
        finalAnswer: first.kind,
      },
    ],
  };
}

const ITEM_MAKERS = [countItem, yesNoItem, colourItem, shapeItem];

/** Scene i and the item written about it. */
export function demoItem(i: number) {
  const scene = makeScene(i);
  return { scene, seed: ITEM_MAKERS[i % ITEM_MAKERS.length](scene) };
}

/** Item i's stage: the first third approved, the next third submitted, the rest drafts waiting for annotators. */
function stageOf(i: number): "APPROVED" | "SUBMITTED" | "DRAFT" {
  if (i < DEMO_SCENES / 3) return "APPROVED";
  if (i < (2 * DEMO_SCENES) / 3) return "SUBMITTED";
  return "DRAFT";
}

/** Creates the demo project if it does not exist yet. Returns null when it already exists. */
export async function seedDemo(db: Db, storage: Storage, owner: { id: string }) {
  if (await db.project.findUnique({ where: { slug: DEMO_SLUG } })) return null;
  const project = await createProject(db, owner, {
    slug: DEMO_SLUG,
    name: "Demo: coloured shapes",
    guidelines: GUIDELINES,
  });
  for (let i = 0; i < DEMO_SCENES; i++) {
    const { scene, seed } = demoItem(i);
    const buffer = await sharp(Buffer.from(sceneSvg(scene))).png().toBuffer();
    const ingested = await ingestImage(db, storage, {
      projectId: project.id,
      buffer,
      filename: `scene-${String(i + 1).padStart(2, "0")}.png`,
      source: "SRT Studio demo generator",
      license: "CC0-1.0",
      attribution: "generated",
      uploadedById: owner.id,
    });
    if (!ingested.asset) throw new Error(`demo scene ${i}: ${ingested.reason ?? ingested.status}`);
    const stage = stageOf(i);
    await db.$transaction(async (tx) => {
      const item = await tx.item.create({
        data: {
          projectId: project.id,
          assetId: ingested.asset!.id,
          question: seed.question,
          answerType: seed.answerType,
          options: seed.options,
          groundTruth: seed.groundTruth,
          caption: sceneCaption(scene),
          status: stage,
          isGold: i === 0,
          tags: { create: seed.tags.map((tag) => ({ tag })) },
          followUps:
            stage === "DRAFT"
              ? undefined
              : { create: seed.followUps.map((f, position) => ({ ...f, position, authorId: owner.id })) },
          reviews:
            stage === "APPROVED"
              ? {
                  create: {
                    projectId: project.id,
                    reviewerId: owner.id,
                    visualGrounding: 5,
                    verdictCorrectness: 5,
                    reasoningConsistency: 4 + (i % 2),
                    tone: 5,
                    answerCorrectness: 5,
                    decision: "APPROVE",
                    comment: "Evidence points at the picture; tone is firm but polite.",
                  },
                }
              : undefined,
        },
      });
      await addItemFigures(tx, [item.id]);
      await recordAudit(tx, { actorId: owner.id, entity: "Item", entityId: item.id, action: "seed", after: { stage } });
    });
  }
  return project;
}
