// How the CLI reports an error: the same message as the web (lib/errors/report), on stderr, and an
// exit code a script can act on.
import { reportError } from "../lib/errors/report";
import { UsageError } from "./command";

export const EXIT_CODES = {
  /** Refused: not found, conflict, invalid data, forbidden… (the message says which). */
  refused: 1,
  /** The command line itself is wrong; the usage is printed. */
  usage: 2,
  /** A bug or a broken environment (EX_SOFTWARE); the detail is logged above the message. */
  internal: 70,
} as const;

export interface CliErrorReport {
  exitCode: number;
  /** What to print on stderr (the detail of an internal error is logged separately). */
  text: string;
}

export function cliErrorReport(error: unknown, command: { name: string; usage: string }, log: (error: unknown) => void = console.error): CliErrorReport {
  const prefix = `srt ${command.name}: `;
  if (error instanceof UsageError) return { exitCode: EXIT_CODES.usage, text: `${prefix}${error.message}\nUsage: ${command.usage}` };
  const report = reportError(error, log);
  if (report.code === "INTERNAL") return { exitCode: EXIT_CODES.internal, text: `${prefix}${report.error} See the error above.` };
  // A ZodError lists every field; one line each reads better in a terminal than the joined sentence.
  const lines = report.code === "INVALID" && report.issues.length > 1 ? report.issues.map((i) => `${i.field || "input"}: ${i.message}`) : [report.error];
  return { exitCode: EXIT_CODES.refused, text: prefix + lines.join(`\n${prefix}`) };
}
