// `npm run check:breaking` end to end, in a temporary git repository holding a copy of the
// description: the base is a commit (or the merge base with main), the head is the working tree.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkBreaking } from "../../scripts/check-breaking.js";
import { repositoryRoot } from "./bundled.js";

const SCRIPT = join(repositoryRoot, "scripts/check-breaking.ts");
const STATUS_FILE = "openapi/components/schemas/ExportJobStatus.yaml";

let dir: string;
let repo: string;

function git(...args: string[]): string {
  const result = spawnSync("git", ["-c", "user.name=Check", "-c", "user.email=check@example.invalid", "-c", "commit.gpgsign=false", ...args], {
    cwd: repo,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

function edit(file: string, change: (text: string) => string): void {
  const path = join(repo, file);
  const before = readFileSync(path, "utf8");
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
}

const addCancelled = (text: string) => text.replace("  - FAILED\n", "  - FAILED\n  - CANCELLED\n");

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await checkBreaking(args, { cwd: repo, env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "aep-check-breaking-test-"));
  repo = join(dir, "repo");
  for (const path of ["openapi", "redocly.yaml", "package.json", "CHANGELOG.md"]) cpSync(join(repositoryRoot, path), join(repo, path), { recursive: true });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "The description as released");
  git("checkout", "-q", "-b", "feature");
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run check:breaking", { timeout: 90_000 }, () => {
  it("exits 1 for a breaking edit and names it, with annotations and a job summary in --github mode (as a child process)", () => {
    edit(STATUS_FILE, addCancelled);
    const line = readFileSync(join(repo, STATUS_FILE), "utf8").split("\n").indexOf("  - CANCELLED") + 1;
    const summary = join(dir, "summary.md");
    const result = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), SCRIPT, "--base", "main", "--github"], {
      cwd: repo,
      encoding: "utf8",
      env: { ...process.env, GITHUB_STEP_SUMMARY: summary },
      timeout: 60_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("BREAKING  Enum value added to a response: `ExportJobStatus` gains `CANCELLED`");
    expect(result.stdout).toContain(`where  ${STATUS_FILE}:${line}  #/components/schemas/ExportJobStatus/enum/4`);
    expect(result.stdout).toContain(`::error file=${STATUS_FILE},line=${line},title=Breaking change%3A Enum value added to a response::`);
    const markdown = readFileSync(summary, "utf8");
    expect(markdown).toContain("### Breaking (1)");
    expect(markdown).toContain("`ExportJobStatus` gains `CANCELLED`");
  });

  it("with --require-major-bump, passes the breaking edit only with a new major version and a Breaking line in CHANGELOG.md", async () => {
    edit(STATUS_FILE, addCancelled);
    const refused = await run(["--base", "main", "--json", "--require-major-bump"]);
    expect(refused.status).toBe(1);
    const report = JSON.parse(refused.stdout);
    expect(report).toMatchObject({ exitCode: 1, counts: { breaking: 1 }, gate: { satisfied: false, majorRaised: false } });
    expect(report.changes[0]).toMatchObject({ rule: "response-enum-value-added", file: STATUS_FILE, pointer: "#/components/schemas/ExportJobStatus/enum/4" });
    expect(report.gate.missing).toHaveLength(2);

    edit("package.json", (text) => text.replace(/"version": "(\d+)\./, (_, major: string) => `"version": "${Number(major) + 1}.`));
    edit("CHANGELOG.md", (text) => text.replace("## [Unreleased]\n", "## [Unreleased]\n\n### Breaking\n\n- `ExportJobStatus` gains `CANCELLED`: enum value added to a response.\n"));
    const shipped = await run(["--base", "main", "--json", "--require-major-bump"]);
    expect(shipped.status).toBe(0);
    expect(JSON.parse(shipped.stdout)).toMatchObject({ exitCode: 0, counts: { breaking: 1 }, gate: { satisfied: true, majorRaised: true, changelogLine: "- `ExportJobStatus` gains `CANCELLED`: enum value added to a response." } });
  });

  it("exits 0 for a documentation edit, against the merge base with main by default", async () => {
    edit(STATUS_FILE, (text) => text.replace("Where an export job is in its life", "Where a job is in its life"));
    git("commit", "-q", "-am", "Reword the job status");
    // main moves on: compared with main's tip, CANCELLED would look removed on this branch.
    git("checkout", "-q", "main");
    edit(STATUS_FILE, addCancelled);
    git("commit", "-q", "-am", "A new status");
    git("checkout", "-q", "feature");

    const result = await run([]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("the merge base with main");
    expect(result.stdout).toContain("0 breaking, 0 non-breaking, 1 documentation-only");
    expect(result.stdout).toContain(`DOCUMENTATION-ONLY  Documentation changed: \`ExportJobStatus (description)\``);
  });

  it("exits 2 for a ref that does not exist", async () => {
    const result = await run(["--base", "no-such-branch"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--base no-such-branch is not a commit in this repository");
  });

  it("exits 2 when the working tree's description does not bundle", async () => {
    edit("openapi/components/schemas/ExportJob.yaml", (text) => text.replace("./ExportJobStatus.yaml", "./NoSuchSchema.yaml"));
    const result = await run(["--base", "main"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("The description in the working tree does not bundle");
    expect(result.stderr).toContain("NoSuchSchema.yaml");
  });
});
