// A static check of SQLite write discipline: a transaction that reads before it writes must take the
// write lock first (lockForWriting), or it fails with SQLITE_BUSY — which the busy timeout cannot help —
// when another connection (the CLI, another request) writes in between. Used by write-discipline.test.ts.

export interface TransactionFinding {
  file: string;
  line: number;
  /** What the transaction does first: the read or helper call that comes before any lock or write. */
  first: string;
}

const WRITE = /^\w+\.(create|createMany|update|updateMany|delete|deleteMany)\(|^\$executeRaw/;
/**
 * Prisma runs an upsert it cannot write as one INSERT … ON CONFLICT (e.g. `update: {}`) as a SELECT, then an
 * INSERT or UPDATE: a read, then a write, all by itself.
 */
const READ_THEN_WRITE = /^\w+\.upsert\(/;
const READ = /^\w+\.(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|count|aggregate|groupBy)\(|^\$queryRaw/;

/**
 * Helpers given the transaction whose first statement is a write (an UPDATE … RETURNING through
 * $queryRaw, which the scanner cannot tell from a read): a transaction that starts with one holds the lock.
 */
const WRITE_FIRST_HELPERS = new Set<string>();

/** The text from `open` (an opening bracket) to its matching closing bracket, skipping strings and comments. */
function balanced(source: string, open: number): string {
  const pairs: Record<string, string> = { "(": ")", "{": "}", "[": "]" };
  const stack: string[] = [];
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "/" && source[i + 1] === "/") {
      i = source.indexOf("\n", i);
      if (i < 0) break;
      continue;
    }
    if (c === "/" && source[i + 1] === "*") {
      i = source.indexOf("*/", i) + 1;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === "\\") i++;
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return source.slice(open, i + 1);
    }
  }
  return source.slice(open);
}

/**
 * Interactive transactions (`$transaction(async (tx) => …)`) whose first use of the transaction client
 * is a read, an upsert (a read, then a write), or a helper given the client, while the body also writes
 * (or calls such a helper), and which do not call lockForWriting before it.
 */
export function findUnlockedReadThenWrite(file: string, source: string): TransactionFinding[] {
  const findings: TransactionFinding[] = [];
  const start = /\$transaction\(\s*(?:async\s*)?\(\s*(\w+)\s*(?::[^)]*)?\)\s*=>/g;
  for (let match = start.exec(source); match; match = start.exec(source)) {
    const tx = match[1];
    const body = balanced(source, source.indexOf("(", match.index));
    const uses = [...body.matchAll(new RegExp(`(?:\\b${tx}\\.([\\w$]+(?:\\.\\w+)?\\(?)|\\b(\\w+)\\(\\s*${tx}\\b)`, "g"))].map((m) => ({
      text: m[0],
      call: m[1] ?? null,
      helper: m[2] ?? null,
    }));
    const kind = (u: (typeof uses)[number]) => {
      if (u.helper === "lockForWriting") return "lock";
      if (u.helper && WRITE_FIRST_HELPERS.has(u.helper)) return "write";
      if (u.helper) return "helper";
      const call = u.call!.replace(/\($/, "(");
      if (READ_THEN_WRITE.test(call)) return "read-then-write";
      if (WRITE.test(call)) return "write";
      if (READ.test(call)) return "read";
      return "other";
    };
    const kinds = uses.map(kind);
    const firstRelevant = kinds.findIndex((k) => k !== "other");
    if (firstRelevant < 0) continue;
    const first = kinds[firstRelevant];
    if (first === "lock" || first === "write") continue;
    const alsoWrites = kinds.some((k) => k === "write" || k === "helper" || k === "read-then-write");
    if (!alsoWrites) continue;
    findings.push({ file, line: source.slice(0, match.index).split("\n").length, first: uses[firstRelevant].text });
  }
  return findings;
}
