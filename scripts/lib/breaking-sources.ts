// The two descriptions the breaking-change check compares: one at a git ref, one in the working
// tree, each bundled by the same Redocly CLI that `npm run bundle` uses. The ref's files are
// taken with `git archive` into a temporary folder, so the working tree is never touched. Also
// finds the source file and line of a place in a bundle, for the report and the annotations.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, posix } from "node:path";
import { LineCounter, isMap, isScalar, isSeq, parse, parseDocument, type Node } from "yaml";
import { atPointer } from "./breaking-rules.js";

/** The check cannot run (a bad ref, a description that does not bundle): exit status 2. */
export class CannotRun extends Error {}

export const ROOT_FILE = "openapi/openapi.yaml";
// What bundling reads: the description, and redocly.yaml for its decorators (the decision log).
const BUNDLE_INPUTS = ["openapi", "redocly.yaml"];

export function git(cwd: string, args: string[], what = `git ${args.join(" ")}`): string {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new CannotRun(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new CannotRun(`${what} failed: ${result.stderr.trim() || `exit status ${result.status}`}`);
  return result.stdout;
}

export function repositoryRoot(cwd: string): string {
  return git(cwd, ["rev-parse", "--show-toplevel"], "finding the repository").trim();
}

export interface Base {
  /** As given (`origin/main`), or how it was found (`merge base with main`). */
  ref: string;
  commit: string;
}

/** The given ref, or the merge base of HEAD with `main` (or `origin/main` when there is no local `main`). */
export function resolveBase(root: string, ref?: string): Base {
  if (ref !== undefined) {
    const found = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: root, encoding: "utf8" });
    if (found.status !== 0) throw new CannotRun(`--base ${ref} is not a commit in this repository (for a pull request, fetch with fetch-depth: 0).`);
    return { ref, commit: found.stdout.trim() };
  }
  for (const branch of ["main", "origin/main"]) {
    const mergeBase = spawnSync("git", ["merge-base", "HEAD", branch], { cwd: root, encoding: "utf8" });
    if (mergeBase.status === 0) return { ref: `merge base with ${branch}`, commit: mergeBase.stdout.trim() };
  }
  throw new CannotRun("No merge base with main or origin/main: pass --base REF.");
}

/** Writes the bundle inputs as they are at `commit` into `dir`. */
export function extractAt(root: string, commit: string, dir: string): void {
  if (spawnSync("git", ["cat-file", "-e", `${commit}:${ROOT_FILE}`], { cwd: root }).status !== 0) {
    throw new CannotRun(`${ROOT_FILE} does not exist at ${commit.slice(0, 12)}: nothing to compare with.`);
  }
  const inputs = BUNDLE_INPUTS.filter((path) => spawnSync("git", ["cat-file", "-e", `${commit}:${path}`], { cwd: root }).status === 0);
  const archive = spawnSync("git", ["archive", "--format=tar", commit, "--", ...inputs], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  if (archive.status !== 0) throw new CannotRun(`git archive ${commit.slice(0, 12)} failed: ${archive.stderr.toString().trim()}`);
  mkdirSync(dir, { recursive: true });
  const untar = spawnSync("tar", ["-x", "-f", "-", "-C", dir], { input: archive.stdout });
  if (untar.status !== 0) throw new CannotRun(`Unpacking ${commit.slice(0, 12)} failed: ${untar.stderr?.toString().trim() || untar.error?.message}`);
}

const require = createRequire(import.meta.url);

/** Bundles `tree`'s description into `output` (JSON) with the project's Redocly CLI. */
export function bundle(tree: string, output: string, label: string, timeoutMs = 120_000): Promise<Record<string, any>> {
  const cliPackage = require.resolve("@redocly/cli/package.json");
  const cli = join(dirname(cliPackage), (JSON.parse(readFileSync(cliPackage, "utf8")) as { bin: Record<string, string> }).bin.redocly!);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "bundle", ROOT_FILE, "-o", output], {
      cwd: tree,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: timeoutMs,
    });
    let log = "";
    child.stdout.on("data", (chunk) => (log += chunk));
    child.stderr.on("data", (chunk) => (log += chunk));
    child.on("error", (error) => reject(new CannotRun(`Bundling ${label}: ${error.message}`)));
    child.on("close", (status, signal) => {
      if (status !== 0 || !existsSync(output)) {
        const tail = log.trim().split("\n").slice(-15).join("\n");
        reject(new CannotRun(`The description ${label} does not bundle (${signal ?? `exit status ${status}`}):\n${tail}`));
        return;
      }
      resolve(JSON.parse(readFileSync(output, "utf8")));
    });
  });
}

export interface SourceLocation {
  /** Relative to the repository root, with forward slashes. */
  file: string;
  line?: number;
}

/**
 * The file and line that hold a place in a bundle. Components come from
 * `openapi/components/<kind>/<Name>.yaml` (Redocly names them after their files), path items from
 * the `$ref`s of the root file, tag descriptions replaced by redocly.yaml's
 * `tag-description-override` from the Markdown file it names. When the place itself is gone (a
 * removal), the line is that of the nearest part of it that is left.
 */
export function locate(tree: string, doc: Record<string, any>, pointer: string[]): SourceLocation {
  const [kind, group, name] = pointer;
  if (kind === "components" && group && name) {
    const file = `openapi/components/${group}/${name}.yaml`;
    if (existsSync(join(tree, file))) return { file, ...lineOf(tree, file, pointer.slice(3)) };
  }
  if (kind === "paths" && group) {
    const root = readYaml(join(tree, ROOT_FILE));
    const ref = root?.paths?.[group]?.$ref;
    if (typeof ref === "string" && !ref.includes("#")) {
      const file = posix.normalize(posix.join(posix.dirname(ROOT_FILE), ref));
      if (existsSync(join(tree, file))) return { file, ...lineOf(tree, file, pointer.slice(2)) };
    }
  }
  if (kind === "tags" && pointer[2] === "description") {
    const tag = atPointer(doc, pointer.slice(0, 2))?.name;
    const config = readYaml(join(tree, "redocly.yaml"));
    const override = config?.decorators?.["tag-description-override"]?.tagNames?.[tag];
    if (typeof override === "string") return { file: posix.normalize(override), line: 1 };
  }
  return { file: ROOT_FILE, ...lineOf(tree, ROOT_FILE, pointer) };
}

function readYaml(path: string): any {
  try {
    return parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

function lineOf(tree: string, file: string, pointer: string[]): { line?: number } {
  let text: string;
  try {
    text = readFileSync(join(tree, file), "utf8");
  } catch {
    return {};
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  let node: Node | null | undefined = document.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of pointer) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return { line: lineCounter.linePos(offset).line };
}
