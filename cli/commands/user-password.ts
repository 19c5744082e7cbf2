import { parseArgs } from "node:util";
import { getDb } from "../../lib/db/client";
import { generatePassword } from "../../lib/auth/password";
import { updateUser } from "../../lib/auth/users";
import { UsageError, type CliCommand } from "../command";
import { readStdin } from "../read-stdin";

export const command: CliCommand = {
  name: "user password",
  summary: "Set a new password for an account (e.g. a lost admin password)",
  usage: "srt user password <email> [--password-stdin]",
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { "password-stdin": { type: "boolean" } } });
    const [email] = positionals;
    if (!email) throw new UsageError("an email is required");
    const db = getDb();
    const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
    if (!user) throw new UsageError(`no account for ${email}`);
    const password = values["password-stdin"] ? (await readStdin()).replace(/\r?\n$/, "") : generatePassword();
    await updateUser(db, null, { userId: user.id, password });
    console.log(`Password changed for ${user.email}`);
    if (!values["password-stdin"]) console.log(`New password (shown once): ${password}`);
    return 0;
  },
};
