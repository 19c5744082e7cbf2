import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CliCommand } from "./command";
import { cliErrorReport } from "./errors";

const commandsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "commands");

async function loadCommands(): Promise<CliCommand[]> {
  const files = fs.readdirSync(commandsDir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  const modules = await Promise.all(files.map((f) => import(path.join(commandsDir, f))));
  return modules.map((m) => m.command as CliCommand).sort((a, b) => a.name.localeCompare(b.name));
}

function help(commands: CliCommand[]) {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "srt — SRT Studio command line",
    "",
    "Usage: npx srt <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `npx srt <command> --help` for a command's options.",
    "Database: DATABASE_URL (unset → data/srt.db; postgresql://… for PostgreSQL).",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const commands = await loadCommands();
  const [first, ...rest] = argv;
  if (!first || first === "--help" || first === "-h" || first === "help") {
    console.log(help(commands));
    return first ? 0 : 2;
  }
  // Two-word commands ("user create") are looked up before one-word ones ("stats").
  const twoWords = rest[0] ? `${first} ${rest[0]}` : "";
  const command = commands.find((c) => c.name === twoWords) ?? commands.find((c) => c.name === first);
  if (!command) {
    const group = commands.filter((c) => c.name.startsWith(`${first} `));
    if (group.length) {
      console.error(`srt ${first}: choose one of: ${group.map((c) => c.name).join(", ")}`);
      return 2;
    }
    console.error(`srt: unknown command "${first}"\n\n${help(commands)}`);
    return 2;
  }
  const args = command.name === twoWords ? rest.slice(1) : rest;
  if (args.includes("--help") || args.includes("-h")) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    const { exitCode, text } = cliErrorReport(error, command);
    console.error(text);
    return exitCode;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
