import { InvalidInputError } from "../lib/errors";

/** One `srt` subcommand. Files in cli/commands/ export `command` and are found by cli/main.ts. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. Throw UsageError for bad arguments. */
  run(argv: string[]): Promise<number>;
}

/** Bad command-line input: printed with the command's usage, exit code 2. */
export class UsageError extends InvalidInputError {
  constructor(message: string) {
    super("arguments", message);
  }
}
