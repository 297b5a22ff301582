// Breaks the description or the client on purpose, one breakage at a time, in a throwaway copy of
// the repository, and checks that the tests notice. Prints one line per breakage and exits
// non-zero when a breakage survives (or could not be applied).
//
//   npm run test:mutations                 every breakage
//   npm run test:mutations -- retry        only breakages whose name contains "retry"
//   npm run test:mutations -- --verbose    also print the output of each failing step
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { mutations, type Mutation } from "./lib/mutations.js";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const filters = args.filter((a) => !a.startsWith("--")).map((a) => a.toLowerCase());
const selected = mutations.filter((m) => filters.length === 0 || filters.some((f) => m.name.toLowerCase().includes(f)));

type Verdict = "caught" | "SURVIVED" | "NOT APPLIED";

// Not copied: dependencies (linked instead), history, and scratch space.
const SKIPPED = new Set(["node_modules", ".git", ".tmp"]);

function copyRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), "aep-export-jobs-mutation-"));
  cpSync(root, copy, {
    recursive: true,
    filter: (source) => {
      const path = relative(root, source);
      return path === "" || !SKIPPED.has(path.split(/[\\/]/)[0]!);
    },
  });
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"), "dir");
  return copy;
}

function withoutColor(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, ...rest } = env;
  return rest;
}

function run(cwd: string, command: string, commandArgs: string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, commandArgs, {
    cwd,
    encoding: "utf8",
    env: { ...withoutColor(process.env), CI: "1", NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}` };
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

function attempt(mutation: Mutation): { verdict: Verdict; detail: string; by?: string } {
  const copy = copyRepository();
  try {
    const file = join(copy, mutation.file);
    let changed: string;
    try {
      const original = readFileSync(file, "utf8");
      changed = mutation.apply(original);
      if (changed === original) throw new Error("the breakage changed nothing");
    } catch (error) {
      return { verdict: "NOT APPLIED", detail: (error as Error).message };
    }
    writeFileSync(file, changed);
    if (mutation.rebuild === "generate") {
      const build = run(copy, "npm", ["run", "generate"]);
      // A description that no longer builds is caught too, but say so: no test was involved.
      if (!build.ok) return { verdict: "caught", by: "npm run generate", detail: tail(build.output) };
    }
    const tests = run(copy, "npx", ["vitest", "run", ...mutation.tests]);
    return tests.ok ? { verdict: "SURVIVED", detail: tail(tests.output) } : { verdict: "caught", by: mutation.tests.join(" "), detail: tail(tests.output) };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

if (selected.length === 0) {
  console.error(`No breakage matches ${filters.join(", ")}; known: ${mutations.map((m) => m.name).join("; ")}`);
  process.exit(2);
}

let failed = 0;
for (const mutation of selected) {
  const started = performance.now();
  const { verdict, detail, by } = attempt(mutation);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`${verdict.padEnd(11)} ${mutation.name}  [${by ? `by ${by}` : mutation.tests.join(" ")}, ${seconds} s]`);
  if (verdict !== "caught") failed++;
  if (verdict !== "caught" || verbose) console.log(detail.replace(/^/gm, "    "));
}
console.log(failed === 0 ? `All ${selected.length} breakages were caught.` : `${failed} of ${selected.length} breakages were not caught.`);
process.exit(failed === 0 ? 0 : 1);
