// `npm run lint`, `bundle`, `generate`, `docs`, `compile`, `build`, `typecheck`: runs the named
// build steps (scripts/lib/build-steps.ts), and the steps they need, when their inputs changed.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { GROUPS, STEPS } from "./lib/build-steps.js";
import { runSteps } from "./lib/run-steps.js";

const USAGE = `Usage: tsx scripts/run-steps.ts [--force] STEP...

Runs each step, and the steps it needs, unless nothing it reads changed since it last succeeded
and what it wrote is still as it wrote it. --force runs the named steps regardless.
Steps: ${Object.keys(STEPS).join(", ")}; groups: ${Object.entries(GROUPS)
  .map(([name, steps]) => `${name} (${steps.join(", ")})`)
  .join(", ")}`;

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { force: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (parsed.values.help || parsed.positionals.length === 0) {
  (parsed.values.help ? console.log : console.error)(USAGE);
  process.exit(parsed.values.help ? 0 : 2);
}

try {
  const { ok } = await runSteps(parsed.positionals, { root: fileURLToPath(new URL("..", import.meta.url)), force: parsed.values.force });
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}
