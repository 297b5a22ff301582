// The maintainer's loop, as whole commands: `npm start` until it serves, and `npm test`, each
// first with no build step recorded (as on a fresh clone: every step runs) and then again with
// nothing changed (every step is skipped). The two runs of a round follow each other, so that
// both see the same machine.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { RECORD_DIR } from "../scripts/lib/run-steps.js";
import { timedNpmScript } from "./lib/exec.js";
import { fromRoot, repoRoot } from "./lib/paths.js";
import type { Report } from "./lib/report.js";
import { summarize } from "./lib/stats.js";

const SECTION = "loop";
const ROUNDS = 3;
export const START_TARGET_MS = 20_000;
export const TEST_TARGET_MS = 90_000;
const SERVING = /Press Ctrl-C to stop/;
const START_TIMEOUT_MS = 10 * 60_000;

/** Forgets what a fresh clone would not have: each step's last success and tsc's incremental state. */
function forgetBuilds(): void {
  rmSync(fromRoot(RECORD_DIR), { recursive: true, force: true });
  rmSync(fromRoot(".tmp/typecheck.tsbuildinfo"), { force: true });
}

/** Runs `npm start` on free ports until it says it serves, then stops it: the wall time to serving. */
function timeStart(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Its own process group, so that npm, its shell and the server stop together.
    const child = spawn("npm", ["start", "--", "--port", "0", "--docs-port", "0"], { cwd: repoRoot, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let served: number | undefined;
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), START_TIMEOUT_MS);
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      if (served === undefined && SERVING.test(output)) {
        served = performance.now() - started;
        process.kill(-child.pid!, "SIGINT");
      }
    };
    child.stdout.on("data", look);
    child.stderr.on("data", look);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (served !== undefined) resolve(served);
      else reject(new Error(`npm start ended (${signal ?? code}) before it served:\n${output.slice(-4000)}`));
    });
  });
}

async function timeTest(): Promise<number> {
  return (await timedNpmScript("test")).ms;
}

async function coldAndWarm(report: Report, what: string, time: () => Promise<number>, targetMs: number): Promise<void> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    forgetBuilds();
    cold.push(await time());
    warm.push(await time());
    process.stderr.write(`bench: ${what}, round ${round + 1}: ${(cold.at(-1)! / 1000).toFixed(1)} s, then ${(warm.at(-1)! / 1000).toFixed(1)} s\n`);
  }
  report.record(SECTION, `${what}, first run (every build step runs)`, "ms", summarize(cold), "wall");
  const again = report.record(SECTION, `${what}, second run (nothing changed)`, "ms", summarize(warm), "wall");
  report.compare(SECTION, `${what}: second run / first run`, again.median, summarize(cold).median, "first run", { paired: { ours: warm, theirs: cold } });
  report.target(SECTION, `${what}, second run`, again.median, "ms", `< ${targetMs / 1000} s`, again.median < targetMs);
}

export async function runStart(report: Report): Promise<void> {
  await coldAndWarm(report, "npm start until it serves", timeStart, START_TARGET_MS);
}

export async function runTest(report: Report): Promise<void> {
  await coldAndWarm(report, "npm test", timeTest, TEST_TARGET_MS);
}
