// A generated project for comparing split planners: a few hundred images (chains of near-duplicates among
// them, some without items), items of every status and answer type, tags, gold items and annotators'
// blind gold copies, follow-ups of every draft origin, reviews over two rounds, empty captions. Seeded
// pseudo-random, so every run builds the same data.
import { createHash } from "node:crypto";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/sqlite/client";
import { ITEM_STATUSES } from "../../items/status";
import { ANSWER_TYPES, KINDS } from "../strata";

export const GENERATED_PROJECT_ID = "proj-generated";
const TAGS = ["a", "b", "c"];
const ORIGINS = ["HUMAN", "MODEL", "MODEL_EDITED"] as const;

/** mulberry32: a small seeded generator, enough for test data. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

export interface GeneratedProject {
  assetIds: string[];
  /** sha256 of a few images, some of them with records: a frozen test set. */
  frozen: Set<string>;
}

/** Inserts the generated project (and its two users) into a migrated database. */
export async function seedGeneratedProject(db: Db, { images = 240, seed = 1 } = {}): Promise<GeneratedProject> {
  const r = random(seed);
  const t0 = new Date("2026-02-01T00:00:00.000Z");
  await db.user.createMany({
    data: [
      { id: "gen-annotator", email: "gen-annotator@example.org", name: "Annotator", role: "ANNOTATOR", createdAt: t0, updatedAt: t0 },
      { id: "gen-reviewer", email: "gen-reviewer@example.org", name: "Reviewer", role: "REVIEWER", createdAt: t0, updatedAt: t0 },
    ],
  });
  await db.project.create({ data: { id: GENERATED_PROJECT_ID, name: "Generated", slug: "generated", settings: {}, createdAt: t0, updatedAt: t0 } });

  // Random 64-bit hashes are ~32 bits apart; a near copy flips 1–3 bits of an earlier image's hash, so
  // copies of copies form chains (groups are recomputed from these hashes by the planners' first call).
  const phashes: bigint[] = [];
  const assets = Array.from({ length: images }, (_, a) => {
    let phash = BigInt(`0x${createHash("sha256").update(`gen phash ${seed} ${a}`).digest("hex").slice(0, 16)}`);
    if (a > 0 && r.next() < 0.35) {
      phash = phashes[a - 1 - r.int(Math.min(a, 5))];
      for (let bits = 1 + r.int(3); bits > 0; bits--) phash ^= 1n << BigInt(r.int(64));
    }
    phashes.push(phash);
    const sha = createHash("sha256").update(`gen image ${seed} ${a}`).digest("hex");
    return {
      // Ids out of creation order, so id order, sha256 order and insertion order all differ.
      id: `gen-img-${createHash("md5").update(String(a)).digest("hex").slice(0, 8)}`,
      projectId: GENERATED_PROJECT_ID,
      sha256: sha,
      phash: phash.toString(16).padStart(16, "0"),
      width: 64,
      height: 48,
      mime: "image/jpeg",
      bytes: 100,
      storageKey: `originals/${sha}`,
      displayKey: `display/${sha}.webp`,
      thumbnailKey: `thumbs/${sha}.webp`,
      originalFilename: `${a}.jpg`,
      createdAt: t0,
    };
  });
  await db.asset.createMany({ data: assets });

  const items: Prisma.ItemCreateManyInput[] = [];
  const tags: { itemId: string; tag: string }[] = [];
  const followUps: Prisma.FollowUpCreateManyInput[] = [];
  const reviews: Prisma.ReviewCreateManyInput[] = [];
  const goldItems: string[] = [];
  const goldCopies: string[] = [];
  let n = 0;
  for (const asset of assets) {
    // A fifth of the images have no items.
    const count = r.next() < 0.2 ? 0 : 1 + r.int(3);
    for (let i = 0; i < count; i++) {
      const id = `gen-item-${(n++).toString().padStart(4, "0")}`;
      const isGold = r.next() < 0.1;
      if (isGold) goldItems.push(id);
      else if (goldItems.length > 0 && r.next() < 0.08) goldCopies.push(id);
      const created = new Date(t0.getTime() + n * 60_000);
      items.push({
        id,
        projectId: GENERATED_PROJECT_ID,
        assetId: asset.id,
        question: `Question ${n}?`,
        answerType: r.pick(ANSWER_TYPES),
        options: [],
        groundTruth: "yes",
        caption: r.next() < 0.2 ? "" : `Caption ${n}.`,
        status: r.next() < 0.55 ? "APPROVED" : r.pick(ITEM_STATUSES),
        isGold,
        createdAt: created,
        updatedAt: created,
      });
      for (const tag of TAGS) if (r.next() < 0.3) tags.push({ itemId: id, tag });
      const follow = r.int(5);
      for (let f = 0; f < follow; f++) {
        followUps.push({ id: `${id}-f${f}`, itemId: id, kind: r.pick(KINDS), position: f, draftOrigin: r.pick(ORIGINS), createdAt: created, updatedAt: created });
      }
      const reviewed = r.int(3);
      for (let v = 0; v < reviewed; v++) {
        const score = () => 1 + r.int(5);
        reviews.push({
          id: `${id}-r${v}`,
          itemId: id,
          reviewerId: "gen-reviewer",
          visualGrounding: score(),
          verdictCorrectness: score(),
          reasoningConsistency: score(),
          tone: score(),
          answerCorrectness: score(),
          decision: "APPROVE",
          round: 1 + r.int(2),
          projectId: GENERATED_PROJECT_ID,
          createdAt: created,
        });
      }
    }
  }
  await db.item.createMany({ data: items });
  await db.itemTag.createMany({ data: tags });
  await db.followUp.createMany({ data: followUps });
  await db.review.createMany({ data: reviews });
  await db.goldAttempt.createMany({
    data: goldCopies.map((itemId, i) => ({ id: `gen-attempt-${i}`, projectId: GENERATED_PROJECT_ID, goldItemId: goldItems[i % goldItems.length], itemId, annotatorId: "gen-annotator", createdAt: t0 })),
  });
  const frozen = new Set(assets.filter(() => r.next() < 0.05).map((a) => a.sha256));
  return { assetIds: assets.map((a) => a.id), frozen };
}
