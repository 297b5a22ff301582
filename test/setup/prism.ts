// Starts Prism, an independent mock of dist/openapi.yaml that validates every request, for the
// contract tests. The run shares one Prism on a free loopback port; tests read its URL with
// `inject("prismUrl")`. Runs given file filters that select no test needing Prism (a file named
// prism.test.ts, or the property tests) do not start it, and provide "" instead.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Prism base URL, or "" when this run needs no Prism. */
    prismUrl: string;
  }
}

const SPEC = "dist/openapi.yaml";
const NEEDS_PRISM = /(^|\/)prism\.test\.ts$|\/test\/contract\/properties\.test\.ts$/;
const STARTUP_TIMEOUT_MS = 90_000;

let prism: ChildProcess | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (!(await runNeedsPrism(project))) {
    project.provide("prismUrl", "");
    return;
  }
  if (!existsSync(SPEC)) bundleDescription();
  let lastError: unknown;
  // A port found free can be taken before Prism binds it; try another one then.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      project.provide("prismUrl", await startPrism(await freePort()));
      return;
    } catch (error) {
      lastError = error;
      await stopPrism();
    }
  }
  throw lastError;
}

export async function teardown(): Promise<void> {
  await stopPrism();
}

/** True unless the run was given file filters that select none of the Prism tests. */
async function runNeedsPrism(project: TestProject): Promise<boolean> {
  // The CLI's file filters are not public API; when they cannot be read, start Prism anyway.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (!filters || filters.length === 0) return true;
  try {
    const specifications = await project.vitest.globTestSpecifications(filters);
    return specifications.some((s) => NEEDS_PRISM.test(s.moduleId.replaceAll("\\", "/")));
  } catch {
    return true;
  }
}

function bundleDescription(): void {
  const result = spawnSync("npm", ["run", "bundle"], { stdio: "pipe", encoding: "utf8", shell: process.platform === "win32" });
  if (result.status !== 0) throw new Error(`npm run bundle failed:\n${result.stdout}\n${result.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startPrism(port: number): Promise<string> {
  const cli = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
  const watchdog = fileURLToPath(new URL("./prism-watchdog.cjs", import.meta.url));
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(
    process.execPath,
    // --errors: a request or a generated response that breaks the description gets an error
    // status, with the reasons in the `sl-violations` header.
    ["--require", watchdog, cli, "mock", SPEC, "--host", "127.0.0.1", "--port", String(port), "--errors", "--verboseLevel", "warn"],
    { detached: false, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PRISM_PARENT_PID: String(process.pid) } },
  );
  prism = child;
  // Keep the tail of the output for the error message, and keep the pipes drained.
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code, signal) => reject(new Error(`Prism exited (${signal ?? code}) before it answered:\n${output.join("")}`))),
  );
  exited.catch(() => undefined);
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const answered = await Promise.race([answers(url), exited]);
    if (answered) return url;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Prism did not answer on ${url} within ${STARTUP_TIMEOUT_MS} ms:\n${output.join("")}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/export/jobs`, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

async function stopPrism(): Promise<void> {
  const child = prism;
  prism = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
