import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createTestDb, type TestDb } from "../testing/db";
import { createItemFromAsset } from "./create";
import { createProjectWithAsset, createUsers } from "./test-fixtures";

describe(`creating an item for an image (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  const fieldsOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    return (error as ZodError).issues.map((i) => i.path.join("."));
  };

  it("creates a DRAFT item with its tags, audited", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const [user] = await createUsers(t.db, 1);
    const { id } = await createItemFromAsset(t.db, user, {
      projectId: project.id, assetId: asset.id, question: " What colour is the cat? ", answerType: "MULTIPLE_CHOICE",
      options: ["Black", "Ginger"], groundTruth: "b", tags: ["Cats", "colour"],
    });
    const item = await t.db.item.findUniqueOrThrow({ where: { id }, include: { tags: true } });
    expect(item).toMatchObject({ status: "DRAFT", question: "What colour is the cat?", options: ["Black", "Ginger"], groundTruth: "b", assigneeId: null, version: 1 });
    expect(item.tags.map((x) => x.tag).sort()).toEqual(["cats", "colour"]);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entity: "Item", entityId: id, action: "create" } });
    expect(audit.actorId).toBe(user.id);
  });

  it("drops options for answer types without options", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const [user] = await createUsers(t.db, 1);
    const { id } = await createItemFromAsset(t.db, user, { projectId: project.id, assetId: asset.id, question: "How many cats?", answerType: "NUMBER", options: ["x"], groundTruth: "3" });
    expect((await t.db.item.findUniqueOrThrow({ where: { id } })).options).toEqual([]);
  });

  it("refuses unusable items naming the field, and writes nothing", async () => {
    const { project, asset } = await createProjectWithAsset(t.db, { allowedAnswerTypes: ["YES_NO", "MULTIPLE_CHOICE"] });
    const base = { projectId: project.id, assetId: asset.id, question: "Is it a cat?", answerType: "YES_NO" as const, groundTruth: "yes" };
    expect(await fieldsOf(createItemFromAsset(t.db, { id: "u" }, { ...base, question: " " }))).toEqual(["question"]);
    expect(await fieldsOf(createItemFromAsset(t.db, { id: "u" }, { ...base, groundTruth: "maybe" }))).toEqual(["groundTruth"]);
    expect(await fieldsOf(createItemFromAsset(t.db, { id: "u" }, { ...base, answerType: "NUMBER", groundTruth: "2" }))).toEqual(["answerType"]);
    expect(await fieldsOf(createItemFromAsset(t.db, { id: "u" }, { ...base, answerType: "MULTIPLE_CHOICE", options: ["Cat", ""], groundTruth: "C" }))).toEqual(["options", "options", "groundTruth"]);
    const other = await createProjectWithAsset(t.db);
    expect(await fieldsOf(createItemFromAsset(t.db, { id: "u" }, { ...base, assetId: other.asset.id }))).toEqual(["assetId"]);
    expect(await fieldsOf(createItemFromAsset(t.db, { id: "u" }, { ...base, tags: ["no/slashes"] }))).toEqual(["tags.0"]);
    expect(await t.db.item.count({ where: { projectId: project.id } })).toBe(0);
  });
});
