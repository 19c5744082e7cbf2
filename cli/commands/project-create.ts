import { parseArgs } from "node:util";
import { getDb } from "../../lib/db/client";
import { createProject } from "../../lib/projects/projects";
import { UsageError, type CliCommand } from "../command";

export const command: CliCommand = {
  name: "project create",
  summary: "Create a project",
  usage: "srt project create <slug> --name <name> [--owner <email>]",
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { name: { type: "string" }, owner: { type: "string" } },
    });
    const [slug] = positionals;
    if (!slug) throw new UsageError("a slug is required");
    if (!values.name) throw new UsageError("--name is required");
    const db = getDb();
    // The owner becomes the first member; default: the first admin.
    const owner = values.owner
      ? await db.user.findUnique({ where: { email: values.owner.toLowerCase() } })
      : await db.user.findFirst({ where: { role: "ADMIN", disabled: false }, orderBy: { createdAt: "asc" } });
    if (!owner) throw new UsageError(values.owner ? `--owner: no user ${values.owner}` : "no admin exists yet: pass --owner <email>");
    const project = await createProject(db, owner, { slug, name: values.name });
    console.log(`Created project ${project.slug} (${project.name}), member: ${owner.email}`);
    return 0;
  },
};
