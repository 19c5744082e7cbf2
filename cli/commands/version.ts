import { createRequire } from "node:module";
import type { CliCommand } from "../command";

export const command: CliCommand = {
  name: "version",
  summary: "Print the SRT Studio version",
  usage: "srt version",
  async run() {
    const pkg = createRequire(import.meta.url)("../../package.json") as { version: string };
    console.log(pkg.version);
    return 0;
  },
};
