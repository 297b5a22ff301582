// Runs the command-line tool as a child process, the way a user runs it, and keeps what it printed
// so that a test file can check at the end that no credential ever appeared.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, expect, inject } from "vitest";
import { startMockServer, type MockServer, type MockServerOptions } from "../../src/mock/server.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The CLI, bundled once per run by test/setup/cli-bundle.ts. */
export const CLI_ENTRY = inject("cliEntry");

export const TOKEN = "S3cr3t-token-value";
export const API_KEY = "S3cr3t-api-key";
export const ORG_ID = "1BD6382559DF0C130A49422D@AdobeOrg";
export const SECRETS = [TOKEN, API_KEY, "S3cr3t"];

export function credentialsEnv(baseUrl: string): Record<string, string> {
  return { AEP_ACCESS_TOKEN: TOKEN, AEP_API_KEY: API_KEY, AEP_ORG_ID: ORG_ID, AEP_BASE_URL: baseUrl };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Behave as on a terminal (AEP_FORCE_TTY=1). */
  tty?: boolean;
}

export interface RunningCli {
  child: ChildProcess;
  result: Promise<CliResult>;
  /** Resolves once stderr (or stdout) matches. */
  waitFor(stream: "stdout" | "stderr", pattern: RegExp): Promise<void>;
}

const transcript: string[] = [];
const running = new Set<ChildProcess>();

/** Everything every run in this file printed. */
export function printed(): string {
  return transcript.join("\n");
}

/** The tool's environment: only what the test gives it, so that the machine's own settings do not leak in. */
function toolEnv(options: CliOptions): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "" };
  if (options.tty) env.AEP_FORCE_TTY = "1";
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  if (env.NO_COLOR === "") delete env.NO_COLOR;
  return env;
}

/** Starts the bundled tool in a child process, as a user does. */
export function startCli(args: readonly string[], options: CliOptions = {}): RunningCli {
  const env = toolEnv(options);
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd: ROOT, env, stdio: "pipe" });
  running.add(child);
  const output = { stdout: "", stderr: "" };
  const watchers: { stream: "stdout" | "stderr"; pattern: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...watchers]) {
      if (w.pattern.test(output[w.stream])) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    output.stdout += chunk;
    check();
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    output.stderr += chunk;
    check();
  });
  child.stdin!.on("error", () => {});
  child.stdin!.end(options.stdin ?? "");
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      running.delete(child);
      transcript.push(output.stdout, output.stderr);
      resolve({ code, signal, ...output });
    });
  });
  return {
    child,
    result,
    waitFor: (stream, pattern) =>
      new Promise<void>((resolve, reject) => {
        watchers.push({ stream, pattern, resolve });
        check();
        void result.then(() => reject(new Error(`the tool ended before ${stream} matched ${pattern}:\n${output.stderr}`)));
      }),
  };
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).result;
}

/**
 * Call once at the top of a test file: kills children a failed test left running, and checks at
 * the end that nothing any run printed held a credential.
 */
export function useCliHarness(): void {
  afterEach(async () => {
    for (const child of running) child.kill("SIGKILL");
    await mock?.close();
    mock = undefined;
  });
  afterAll(() => {
    const all = printed();
    for (const secret of SECRETS) expect(all, `a run printed ${secret}`).not.toContain(secret);
  });
}

export const ESC = "\x1b[";

let mock: MockServer | undefined;

/** Starts an empty mock that accepts this harness's credentials (closed after the test), and returns the tool's environment for it. */
export async function mockWith(options: MockServerOptions = {}): Promise<Record<string, string>> {
  mock = await startMockServer({ seed: false, credentials: { accessToken: TOKEN, apiKey: API_KEY, orgId: ORG_ID }, ...options });
  return credentialsEnv(mock.url);
}

/** The mock the current test started with `mockWith`. */
export function currentMock(): MockServer {
  if (!mock) throw new Error("no mock started: call mockWith first");
  return mock;
}
