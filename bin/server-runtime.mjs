// Code under lib/ that touches the database or storage starts with `import "server-only"`, so that Next.js
// refuses to bundle it for the browser. That package throws unless it is resolved with the "react-server"
// condition (as Next.js does for server code). Outside Next.js (the CLI, scripts, seeds) import this file
// first: it resolves `server-only`, and only it, with that condition, to its no-op module.
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  if (specifier !== "server-only") return next(specifier, context);
  return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}`;

register(`data:text/javascript,${encodeURIComponent(hook)}`);
