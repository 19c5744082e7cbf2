import { parseArgs } from "node:util";
import { getDb } from "../../lib/db/client";
import { generatePassword } from "../../lib/auth/password";
import { createUser } from "../../lib/auth/users";
import { UsageError, type CliCommand } from "../command";
import { readStdin } from "../read-stdin";

export const command: CliCommand = {
  name: "user create",
  summary: "Create a user account",
  usage: "srt user create <email> --role <ADMIN|RESEARCHER|REVIEWER|ANNOTATOR> [--name <name>] [--password-stdin]",
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { role: { type: "string" }, name: { type: "string" }, "password-stdin": { type: "boolean" } },
    });
    const [email] = positionals;
    if (!email) throw new UsageError("an email is required");
    if (!values.role) throw new UsageError("--role is required");
    const password = values["password-stdin"] ? (await readStdin()).replace(/\r?\n$/, "") : generatePassword();
    const user = await createUser(getDb(), null, {
      email,
      name: values.name ?? email.split("@")[0],
      role: values.role.toUpperCase() as never,
      password,
    });
    console.log(`Created ${user.role} ${user.email}`);
    if (!values["password-stdin"]) console.log(`Password (shown once): ${password}`);
    return 0;
  },
};
