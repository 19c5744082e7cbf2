import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";

describe(`database (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  it("migrates and round-trips a project with JSON settings and enums", async () => {
    const user = await t.db.user.create({ data: { email: "a@x.org", name: "A", role: "RESEARCHER" } });
    const project = await t.db.project.create({
      data: { name: "P", slug: "p", settings: { reviewsPerItem: 2 }, members: { create: { userId: user.id } } },
      include: { members: true },
    });
    expect(project.settings).toEqual({ reviewsPerItem: 2 });
    expect(project.members).toHaveLength(1);
    await expect(t.db.user.create({ data: { email: "a@x.org", name: "B" } })).rejects.toThrow();
  });
});
