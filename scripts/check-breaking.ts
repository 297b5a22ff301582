// Compares the description at a git ref with the working tree's and reports every change as
// breaking, non-breaking or documentation-only for TypeScript consumers of the generated types.
//
//   npm run check:breaking                       against the merge base with main
//   npm run check:breaking -- --base origin/main
//   npm run check:breaking -- --json             machine-readable report
//   npm run check:breaking -- --github           annotations on stdout, Markdown to $GITHUB_STEP_SUMMARY
//   npm run check:breaking -- --require-major-bump
//                                                breaking changes pass when package.json raises the
//                                                major version and CHANGELOG.md gains an entry under ### Breaking
//
// Exit status: 0 no breaking change (or one shipped as the gate asks), 1 a breaking change,
// 2 the check could not run (bad ref, a description that does not bundle, bad usage).
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { compareDescriptions, count, decodePointer } from "./lib/breaking-rules.js";
import { evaluateGate, exitCode, formatAnnotations, formatMarkdown, formatText, type LocatedChange, type Report } from "./lib/breaking-report.js";
import { CannotRun, bundle, extractAt, git, locate, repositoryRoot, resolveBase } from "./lib/breaking-sources.js";

const USAGE = "Usage: npm run check:breaking -- [--base REF] [--json] [--github] [--require-major-bump]";

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export async function checkBreaking(argv: string[], io: Io = processIo): Promise<number> {
  let options: { base?: string; json?: boolean; github?: boolean; "require-major-bump"?: boolean; help?: boolean };
  try {
    options = parseArgs({
      args: argv,
      options: {
        base: { type: "string" },
        json: { type: "boolean" },
        github: { type: "boolean" },
        "require-major-bump": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }

  const scratch = mkdtempSync(join(tmpdir(), "aep-check-breaking-"));
  try {
    const report = await buildReport(io.cwd, options.base, options["require-major-bump"] === true, scratch);
    const code = exitCode(report);
    if (options.json) io.stdout(`${JSON.stringify({ ...report, exitCode: code }, null, 2)}\n`);
    else io.stdout(formatText(report));
    if (options.github) {
      const root = repositoryRoot(io.cwd);
      for (const line of formatAnnotations(report, lineOfVersion(root))) io.stdout(`${line}\n`);
      const markdown = formatMarkdown(report);
      if (io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, markdown);
      else io.stdout(`\n${markdown}`);
    }
    return code;
  } catch (error) {
    const message = error instanceof CannotRun ? error.message : `The check failed: ${(error as Error).stack ?? String(error)}`;
    io.stderr(`${message}\n`);
    if (options.github) io.stdout(`::error title=Breaking-change check could not run::${message.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}\n`);
    return 2;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function buildReport(cwd: string, ref: string | undefined, requireMajorBump: boolean, scratch: string): Promise<Report> {
  const root = repositoryRoot(cwd);
  const base = resolveBase(root, ref);
  const baseTree = join(scratch, "base");
  extractAt(root, base.commit, baseTree);
  // Both are waited for, even when one fails: the scratch folder is removed only once neither
  // bundler is still writing into it.
  const bundles = [bundle(baseTree, join(scratch, "base.json"), `at ${base.ref}`), bundle(root, join(scratch, "head.json"), "in the working tree")] as const;
  await Promise.allSettled(bundles);
  const [before, after] = await Promise.all(bundles);

  const changes: LocatedChange[] = compareDescriptions(before, after).map((change) => {
    const pointer = decodePointer(change.pointer);
    if (change.side === "head") return { ...change, ...locate(root, after, pointer) };
    // A removal is shown where it was, on the working tree's copy of that file when it still has one.
    const then = locate(baseTree, before, pointer);
    const now = locate(root, after, pointer);
    return { ...change, ...(now.file === then.file ? now : then) };
  });
  const counts = count(changes);
  const report: Report = { base, counts, changes };
  if (requireMajorBump) {
    report.gate = evaluateGate({
      breaking: counts.breaking,
      basePackageJson: fileAt(root, base.commit, "package.json"),
      headPackageJson: readOrUndefined(join(root, "package.json")),
      baseChangelog: fileAt(root, base.commit, "CHANGELOG.md"),
      headChangelog: readOrUndefined(join(root, "CHANGELOG.md")),
    });
  }
  return report;
}

function fileAt(root: string, commit: string, path: string): string | undefined {
  try {
    return git(root, ["show", `${commit}:${path}`]);
  } catch {
    return undefined;
  }
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function lineOfVersion(root: string): number | undefined {
  const index = (readOrUndefined(join(root, "package.json")) ?? "").split("\n").findIndex((line) => /^\s*"version"\s*:/.test(line));
  return index >= 0 ? index + 1 : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await checkBreaking(process.argv.slice(2));
}
