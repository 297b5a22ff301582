// What each build step costs in wall time, and what the generated types cost the TypeScript
// check of a program that uses every operation.
import { timedNpmScript } from "./lib/exec.js";
import type { Report } from "./lib/report.js";
import { summarize } from "./lib/stats.js";
import { typeCheckTimes } from "./lib/type-check.js";

const SECTION = "pipeline";
export const TYPES_COST_TARGET_MS = 300;

// Each run with --force, which runs the step even when nothing it reads changed (steps the named
// one needs run only when changed). `build` last: it repeats bundle, docs and compile (docs and
// compile side by side), so its time is what a user waits for; then once more as `npm test` and
// `npm start` meet it most of the time, with nothing changed.
const steps = ["lint", "bundle", "generate", "docs", "compile", "build"] as const;

export async function run(report: Report): Promise<void> {
  const failed: Record<string, string> = {};
  for (const [step, args, label] of [
    ...steps.map((step) => [step, ["--force"], `npm run ${step}`] as const),
    ["build", [], "npm run build, nothing changed"] as const,
  ]) {
    try {
      const { ms } = await timedNpmScript(step, args);
      report.record(SECTION, label, "ms", { median: ms, samples: 1 }, "wall");
    } catch (error) {
      // A step broken by work in progress elsewhere should not hide the others' times.
      failed[label] = error instanceof Error ? error.message : String(error);
      process.stderr.write(`bench: ${label} failed; its time is left out\n`);
    }
  }
  report.detail("pipelineFailures", failed);

  const times = await typeCheckTimes();
  for (const name of ["ours", "untyped"] as const) {
    const label = name === "ours" ? "with the generated types" : "with an any-typed client";
    report.record(SECTION, `tsc --noEmit, program using every operation, ${label}`, "ms", times[name].wall, "wall");
    report.record(SECTION, `tsc --noEmit, program using every operation, ${label}`, "ms", times[name].check, "tsc Check time");
  }
  // The variants took turns, so run n of one and run n of the other saw the same machine.
  const addedPerRun = summarize(times.ours.runs.wall.map((ms, run) => ms - times.untyped.runs.wall[run]!));
  const checkAddedPerRun = summarize(times.ours.runs.check.map((ms, run) => ms - times.untyped.runs.check[run]!));
  const added = addedPerRun.median;
  report.record(SECTION, "what the types add to tsc, paired runs", "ms", addedPerRun, "wall");
  report.record(SECTION, "what the types add to tsc, paired runs", "ms", checkAddedPerRun, "tsc Check time");
  report.target(SECTION, "the generated types add to tsc's wall time", added, "ms", `< ${TYPES_COST_TARGET_MS} ms`, added < TYPES_COST_TARGET_MS);
  if (Object.keys(failed).length > 0) throw new Error(`npm run ${Object.keys(failed).join(", ")} failed:\n${Object.values(failed).join("\n")}`);
}
