// Runs build steps, each only when its inputs changed. A step's key hashes its command, every
// file it reads, the installed packages and the Node.js version; a success is recorded under
// .tmp/steps/ with that key and a hash of each file it wrote. The step runs again when the key
// differs, or when what it wrote is missing or differs from what it wrote; a failure records
// nothing, so it fails again next time. Independent steps run side by side, one per core.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { delimiter, join, relative } from "node:path";
import { GROUPS, STEPS, type Step } from "./build-steps.js";

export interface RunStepsOptions {
  /** The repository root; steps run there and their paths are relative to it. */
  root: string;
  steps?: Record<string, Step>;
  groups?: Record<string, string[]>;
  /** Run every step asked for (not the ones it only needs), whatever was recorded. */
  force?: boolean;
  concurrency?: number;
  /** Where each step's report and output go, as a block once it ends. */
  write?: (text: string) => void;
}

export interface RunResult {
  /** Every step planned ended well. */
  ok: boolean;
  /** The steps that ended, in the order they ended. */
  outcomes: StepOutcome[];
}

export interface StepOutcome {
  name: string;
  ran: boolean;
  ok: boolean;
  ms: number;
}

interface StepRecord {
  key: string;
  writes: Record<string, string>;
}

export const RECORD_DIR = ".tmp/steps";
// npm's record of what is in node_modules; package-lock.json when there is none.
const INSTALLED = ["node_modules/.package-lock.json", "package-lock.json"];

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** The files at `path` (a file, or a folder and everything below it), sorted, with `/` separators. */
function filesAt(root: string, path: string, onlyEnding?: string[], except: string[] = []): string[] {
  const full = join(root, path);
  const stats = statSync(full, { throwIfNoEntry: false });
  if (!stats) return [];
  if (!stats.isDirectory()) return [path];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && (!onlyEnding || onlyEnding.some((end) => entry.name.endsWith(end))))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).replaceAll("\\", "/"))
    .filter((file) => !except.some((folder) => file.startsWith(`${folder}/`)))
    .sort();
}

function hashFiles(root: string, files: string[]): Record<string, string> {
  return Object.fromEntries(files.map((file) => [file, sha256(readFileSync(join(root, file)))]));
}

function installedPackages(root: string): string {
  const found = INSTALLED.find((file) => existsSync(join(root, file)));
  if (!found) throw new Error(`Neither ${INSTALLED.join(" nor ")} exists: run npm ci first`);
  return sha256(readFileSync(join(root, found)));
}

export function stepKey(root: string, name: string, step: Step, packages = installedPackages(root)): string {
  const parts = [`node ${process.version}`, `packages ${packages}`, `run ${step.run}`];
  for (const path of step.reads) {
    const files = filesAt(root, path);
    if (files.length === 0) throw new Error(`The ${name} step reads ${path}, which does not exist (scripts/lib/build-steps.ts lists what each step reads)`);
    for (const [file, hash] of Object.entries(hashFiles(root, files))) parts.push(`${file} ${hash}`);
  }
  return sha256(parts.join("\n"));
}

function writtenFiles(root: string, step: Step): Record<string, string> {
  return hashFiles(root, step.writes.flatMap(({ path, onlyEnding, except }) => filesAt(root, path, onlyEnding, except)));
}

const recordPath = (root: string, name: string) => join(root, RECORD_DIR, `${name.replaceAll(":", "-")}.json`);

function readRecord(root: string, name: string): StepRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordPath(root, name), "utf8")) as StepRecord;
  } catch {
    return undefined;
  }
}

function sameFiles(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}

/** Why the step must run, or undefined when its last success still holds. */
export function staleReason(root: string, name: string, step: Step, key: string): string | undefined {
  const record = readRecord(root, name);
  if (!record) return "no success recorded";
  if (record.key !== key) return "its inputs, the packages or Node.js changed";
  if (!sameFiles(record.writes, writtenFiles(root, step))) return "what it wrote is missing or was changed";
  return undefined;
}

function execute(root: string, command: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, {
      cwd: root,
      shell: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PATH: `${join(root, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}` },
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", (error) => resolve({ code: 127, output: error.message }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString("utf8") }));
  });
}

/** The steps to run for `names` (steps or groups), with the steps they need, in a valid order. */
export function plan(names: string[], steps: Record<string, Step> = STEPS, groups: Record<string, string[]> = GROUPS): string[] {
  const asked = names.flatMap((name) => groups[name] ?? [name]);
  const unknown = asked.filter((name) => !(name in steps));
  if (unknown.length > 0) throw new Error(`Unknown step ${unknown.join(", ")}; the steps are ${[...Object.keys(steps), ...Object.keys(groups)].join(", ")}`);
  const chosen = new Set<string>();
  const add = (name: string) => {
    if (chosen.has(name)) return;
    for (const needed of steps[name]!.needs ?? []) add(needed);
    chosen.add(name);
  };
  asked.forEach(add);
  return [...chosen];
}

/**
 * Runs `names` (steps or groups) and what they need, each step once its predecessors succeeded.
 * Stops starting steps after a failure.
 */
export async function runSteps(names: string[], options: RunStepsOptions): Promise<RunResult> {
  const { root, steps = STEPS, groups = GROUPS, force = false, write = (text) => process.stdout.write(text) } = options;
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  const order = plan(names, steps, groups);
  const forced = new Set(force ? names.flatMap((name) => groups[name] ?? [name]) : []);
  const packages = installedPackages(root);
  const predecessors = (name: string) => [...(steps[name]!.needs ?? []), ...(steps[name]!.after ?? [])].filter((other) => order.includes(other));

  const outcomes: StepOutcome[] = [];
  const done = new Set<string>();
  const running = new Map<string, Promise<void>>();
  let failed = false;

  async function runOne(name: string): Promise<void> {
    const step = steps[name]!;
    const started = performance.now();
    let reason: string | undefined;
    let key: string;
    try {
      key = stepKey(root, name, step, packages);
      reason = forced.has(name) ? "asked to run whatever was recorded" : staleReason(root, name, step, key);
    } catch (error) {
      write(`${name}: ${(error as Error).message}\n`);
      outcomes.push({ name, ran: false, ok: false, ms: performance.now() - started });
      failed = true;
      return;
    }
    if (reason === undefined) {
      write(`${name}: unchanged since it last succeeded, not run again\n`);
      outcomes.push({ name, ran: false, ok: true, ms: performance.now() - started });
      done.add(name);
      return;
    }
    const { code, output } = await execute(root, step.run);
    const ms = performance.now() - started;
    write(`\n> ${name} (${reason}): ${step.run}\n${output}${output && !output.endsWith("\n") ? "\n" : ""}`);
    if (code !== 0) {
      write(`${name} failed (exit code ${code}) after ${(ms / 1000).toFixed(1)} s\n`);
      outcomes.push({ name, ran: true, ok: false, ms });
      failed = true;
      return;
    }
    mkdirSync(join(root, RECORD_DIR), { recursive: true });
    const record: StepRecord = { key, writes: writtenFiles(root, step) };
    writeFileSync(recordPath(root, name), `${JSON.stringify(record, null, 2)}\n`);
    write(`${name} done in ${(ms / 1000).toFixed(1)} s\n`);
    outcomes.push({ name, ran: true, ok: true, ms });
    done.add(name);
  }

  const waiting = [...order];
  while (waiting.length > 0 || running.size > 0) {
    while (!failed && running.size < concurrency) {
      const next = waiting.findIndex((name) => predecessors(name).every((other) => done.has(other)));
      if (next < 0) break;
      const [name] = waiting.splice(next, 1);
      running.set(name!, runOne(name!).finally(() => running.delete(name!)));
    }
    if (running.size === 0) {
      if (!failed) throw new Error(`The steps ${waiting.join(", ")} wait for each other (scripts/lib/build-steps.ts)`);
      break;
    }
    await Promise.race(running.values());
  }
  return { ok: !failed && outcomes.length === order.length, outcomes };
}
