#!/usr/bin/env node
// `npx srt …`: the command-line shell over lib/. TypeScript sources run through tsx's loader.
import "./server-runtime.mjs";
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
