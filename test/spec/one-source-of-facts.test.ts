// A status added to the description needs a decision in a few places only: whether a wait ends
// there, its colour, the tool's exit status after a wait, how the mock moves a job on. Those are
// exhaustive Records over the generated union, and everything else reads generated/api-facts.js,
// so after `npm run generate` the type checker names each of those places and nothing else. Shown
// on a copy: ExportJobStatus.yaml gains PAUSED, generated/ is regenerated, and `tsc` checks src/.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { parseDocument } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedFiles, readBundledDescription } from "../../scripts/lib/generated-files.js";

const NEW_STATUS = "PAUSED";
const STATUS_SCHEMA = "openapi/components/schemas/ExportJobStatus.yaml";

// Each place that decides per status, as "file name-of-the-Record".
const DECISIONS = ["src/cli/job-view.ts STATUS_COLOURS", "src/cli/wait.ts EXIT_STATUS_AFTER_WAIT", "src/mock/lifecycle.ts NEXT_STEP", "src/wait.ts FINAL"];

const resolvePackage = createRequire(import.meta.url).resolve;
const REDOCLY = resolvePackage("@redocly/cli/bin/cli.js");
const TSC = resolvePackage("typescript/bin/tsc");
const COPIED = ["openapi", "src", "package.json", "redocly.yaml", "tsconfig.json", "tsconfig.build.json"];

interface TscError {
  file: string;
  /** The identifier the error points at. */
  name: string;
  message: string;
}

let copy: string;
let tscReport: string;
let typeErrors: TscError[];

async function runInCopy(args: string[]): Promise<string> {
  // tsc exits non-zero when it reports errors; its report is on stdout either way.
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: copy, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout: string }) => error);
  return stdout;
}

function typeErrorsIn(report: string): TscError[] {
  return [...report.matchAll(/^(\S+)\((\d+),(\d+)\): error TS\d+: (.*)$/gm)].map(([, file, line, column, message]) => {
    const text = readFileSync(join(copy, file!), "utf8").split("\n")[Number(line) - 1]!;
    return { file: file!, name: /^\w*/.exec(text.slice(Number(column) - 1))![0], message: message! };
  });
}

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), "aep-facts-"));
  for (const entry of COPIED) cpSync(entry, join(copy, entry), { recursive: true });
  symlinkSync(resolve("node_modules"), join(copy, "node_modules"), "junction");

  const schema = parseDocument(readFileSync(join(copy, STATUS_SCHEMA), "utf8"));
  schema.addIn(["enum"], NEW_STATUS);
  writeFileSync(join(copy, STATUS_SCHEMA), schema.toString());

  await runInCopy([REDOCLY, "bundle", "openapi/openapi.yaml", "-o", "dist/openapi.json"]);
  const files = await generatedFiles(await readBundledDescription(join(copy, "dist", "openapi.json")));
  await mkdir(join(copy, "generated"));
  for (const [name, contents] of Object.entries(files)) await writeFile(join(copy, "generated", name), contents);

  tscReport = await runInCopy([TSC, "-p", "tsconfig.build.json", "--noEmit", "--pretty", "false"]);
  typeErrors = typeErrorsIn(tscReport);
}, 180_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe(`a status added to ExportJobStatus (${NEW_STATUS})`, () => {
  it("reaches the generated facts, and with them every list of statuses in the code", async () => {
    const facts = await import(pathToFileURL(join(copy, "generated", "api-facts.js")).href);
    expect(facts.exportJobStatusValues).toContain(NEW_STATUS);
    expect(facts.exportJobStatusFilterValues).not.toContain(NEW_STATUS);
  });

  it("makes tsc name exactly the places that decide per status, each for the new status", () => {
    expect(typeErrors.map((e) => `${e.file} ${e.name}`).sort(), tscReport).toEqual(DECISIONS);
    for (const error of typeErrors) expect(error.message, `${error.file} ${error.name}`).toContain(NEW_STATUS);
  });
});
