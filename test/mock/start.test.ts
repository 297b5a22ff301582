// `npm start` / `npm run mock`, run as the user runs it: a child process in its own process group,
// stopped with SIGINT sent to the whole group, as Ctrl-C in a terminal does; and run bare, to see
// the script's own exit code (npx re-raises a signal its shell died of, so it reports SIGINT).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { check } from "../support/openapi.js";

const START = ["tsx", "scripts/start.ts", "--skip-build"];

beforeAll(() => {
  for (const [file, script] of [["dist/openapi.json", "bundle"], ["dist/docs/index.html", "docs"]] as const) {
    if (existsSync(file)) continue;
    const built = spawnSync("npm", ["run", script], { encoding: "utf8" });
    if (built.status !== 0) throw new Error(`npm run ${script} failed:\n${built.stdout}\n${built.stderr}`);
  }
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  signal: () => NodeJS.Signals | null;
}

const runs: Run[] = [];

const LAUNCHERS = {
  npx: ["npx", ...START],
  /** The script in node itself, with no wrapper, to see its own exit code. */
  bare: [process.execPath, "--import", ...START],
  /** Exactly what a user types: npm, then sh, then the script. */
  npm: ["npm", "run", "mock", "--"],
};

function start(args: string[], env: Record<string, string> = {}, launcher: keyof typeof LAUNCHERS = "npx"): Run {
  const [command, ...rest] = LAUNCHERS[launcher];
  const child = spawn(command!, [...rest, ...args], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  let signal: NodeJS.Signals | null = null;
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code, killedBy) => {
      signal = killedBy;
      resolve(code);
    }),
  );
  const run = { child, stdout: () => stdout, stderr: () => stderr, exited, signal: () => signal };
  runs.push(run);
  return run;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes of the group can outlive the leader by a moment (unreaped, or still closing). */
async function groupEnded(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && groupAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return !groupAlive(pid);
}

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.child.pid && groupAlive(run.child.pid)) process.kill(-run.child.pid, "SIGKILL");
    await run.exited;
  }
});

/** Resolves with stdout once it holds what is wanted, or rejects when the process ends first. */
function waitForOutput(run: Run, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const match = run.stdout().match(pattern);
      if (match) {
        run.child.stdout!.off("data", look);
        resolve(match);
      }
    };
    run.child.stdout!.on("data", look);
    look();
    void run.exited.then((code) => reject(new Error(`exited with ${code} first:\n${run.stdout()}\n${run.stderr()}`)));
  });
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

/** The printed `curl -s '<url>' -H '<name>: <value>' …` as a fetch. */
function fetchLikeCurl(line: string): Promise<Response> {
  const url = /curl -s '([^']+)'/.exec(line)![1]!;
  const headers = Object.fromEntries(
    [...line.matchAll(/-H '([^:']+): ([^']*)'/g)].map((m) => [m[1]!, m[2]!]),
  );
  return fetch(url, { headers });
}

describe("npm start --skip-build (npm run mock)", () => {
  it("serves the docs and the mock on the printed URLs, and stops on Ctrl-C, leaving nothing behind", async () => {
    const run = start(["--port", "0", "--docs-port", "0"]);
    const [, docsUrl, apiUrl] = await waitForOutput(run, /Docs: (http:\/\/127\.0\.0\.1:\d+\/)\nAPI: +(http:\/\/127\.0\.0\.1:\d+)\n/);
    await waitForOutput(run, /Press Ctrl-C to stop/);
    // The curls use the platform's path, as Adobe's documentation does, with only the origin changed.
    const listCurl = run.stdout().split("\n").find((line) => line.trim().startsWith(`curl -s '${apiUrl}/data/core/ups/export/jobs`))!;
    expect(listCurl).toBeDefined();
    expect(run.stdout()).toContain(`curl -s -X POST '${apiUrl}/data/core/ups/export/jobs'`);
    expect(run.stdout()).toContain(`also at ${apiUrl}/data/core/ups, the platform's base path`);
    expect(run.stdout()).toContain(`once https://platform.adobe.io is replaced with ${apiUrl}`);
    expect(run.stdout()).toContain(`(${apiUrl}/export/jobs answers the same)`);
    expect(run.stdout()).not.toMatch(/^Cancel:|legacy forms/m);
    expect(run.stdout()).toContain(`baseUrl: "${apiUrl}"`);
    expect(run.stdout()).toContain("waitForExportJob(client, job.id");

    const listed = await fetchLikeCurl(listCurl);
    expect(listed.status).toBe(200);
    const page = await listed.json();
    expect(check("listExportJobs_200", page).errors).toEqual([]);
    expect(page.records.length).toBeGreaterThan(0);

    const docs = await fetch(docsUrl!);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toContain("text/html");
    expect(await docs.text()).toContain("<html");
    // An encoded "../" is decoded by the server, past what URL normalisation catches.
    expect((await fetch(`${docsUrl}..%2f..%2fpackage.json`)).status).toBe(404);

    process.kill(-run.child.pid!, "SIGINT");
    const code = await run.exited;
    // The script exits 0 (see below); npx passes on the SIGINT its shell died of, as npm scripts do.
    expect({ code, signal: run.signal() }).toEqual(code === 0 ? { code: 0, signal: null } : { code: null, signal: "SIGINT" });
    expect(run.stdout()).toMatch(/Stopped\.\n$/);
    expect(run.stderr()).toBe("");
    expect(await groupEnded(run.child.pid!)).toBe(true);
    const apiPort = Number(new URL(apiUrl!).port);
    const docsPort = Number(new URL(docsUrl!).port);
    expect(await refusesConnections(apiPort)).toBe(true);
    expect(await refusesConnections(docsPort)).toBe(true);
  });

  it.each(["SIGINT", "SIGTERM"] as const)("closes both servers and exits 0 on %s", async (signal) => {
    const run = start(["--port", "0", "--docs-port", "0"], {}, "bare");
    const [, docsUrl, apiUrl] = await waitForOutput(run, /Docs: (http:\/\/127\.0\.0\.1:\d+\/)\nAPI: +(http:\/\/127\.0\.0\.1:\d+)\n/);
    await waitForOutput(run, /Press Ctrl-C to stop/);
    // fetch keeps this connection open afterwards; it must not hold the server open.
    const refused = await fetch(`${apiUrl}/export/jobs/100`);
    expect(refused.status).toBe(401);
    await refused.text();
    process.kill(run.child.pid!, signal);
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toBe("");
    expect(await groupEnded(run.child.pid!)).toBe(true);
    expect(await refusesConnections(Number(new URL(apiUrl!).port))).toBe(true);
    expect(await refusesConnections(Number(new URL(docsUrl!).port))).toBe(true);
  });

  it("stops its servers when only npm is stopped, though sh does not pass the signal on", async () => {
    const run = start(["--port", "0", "--docs-port", "0"], {}, "npm");
    const [, docsUrl, apiUrl] = await waitForOutput(run, /Docs: (http:\/\/127\.0\.0\.1:\d+\/)\nAPI: +(http:\/\/127\.0\.0\.1:\d+)\n/);
    await waitForOutput(run, /Press Ctrl-C to stop/);

    process.kill(run.child.pid!, "SIGTERM");
    await run.exited;
    expect(await groupEnded(run.child.pid!)).toBe(true);
    expect(await refusesConnections(Number(new URL(apiUrl!).port))).toBe(true);
    expect(await refusesConnections(Number(new URL(docsUrl!).port))).toBe(true);
  });

  describe("with a port in use", () => {
    let blocker: Server;
    let busyPort: number;
    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
      busyPort = (blocker.address() as { port: number }).port;
      return () => new Promise<void>((resolve) => blocker.close(() => resolve()));
    });

    it("says so in one line and exits 1 for the API port", async () => {
      const run = start(["--port", String(busyPort), "--docs-port", "0"]);
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toBe(`Port ${busyPort} is in use; pass --port or set AEP_MOCK_PORT\n`);
      expect(await groupEnded(run.child.pid!)).toBe(true);
    });

    it("says so in one line and exits 1 for the docs port, given by AEP_DOCS_PORT", async () => {
      const run = start(["--port", "0"], { AEP_DOCS_PORT: String(busyPort) });
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toBe(`Port ${busyPort} is in use; pass --docs-port or set AEP_DOCS_PORT\n`);
      expect(await groupEnded(run.child.pid!)).toBe(true);
    });
  });

  it("answers cancels with 204 and sends the legacy forms with --cancel-status 204 --legacy-shapes, and says so", async () => {
    const run = start(["--port", "0", "--docs-port", "0", "--cancel-status", "204", "--legacy-shapes"], {}, "bare");
    const [, , apiUrl] = await waitForOutput(run, /Docs: (http:\/\/127\.0\.0\.1:\d+\/)\nAPI: +(http:\/\/127\.0\.0\.1:\d+)\n/);
    await waitForOutput(run, /Press Ctrl-C to stop/);
    expect(run.stdout()).toMatch(/^Cancel: .*204, without a body \(--cancel-status 204\)\.$/m);
    expect(run.stdout()).toMatch(/^Jobs are sent in the legacy forms: .*\(--legacy-shapes\)\.$/m);
    const headers = { authorization: "Bearer t", "x-api-key": "k", "x-gw-ims-org-id": "o", "x-sandbox-name": "prod" };

    const legacy = await (await fetch(`${apiUrl}/export/jobs/100`, { headers })).json();
    expect(legacy.destination).toMatchObject({ dataSetId: "5b7c86968f7b6501e21ba9df", batches: { status: "realized" } });
    expect(check("retrieveExportJob_200", legacy).errors).toEqual([]);
    const cancelled = await fetch(`${apiUrl}/export/jobs/11038`, { method: "DELETE", headers });
    expect(cancelled.status).toBe(204);
    expect(await cancelled.text()).toBe("");

    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toBe("");
  });

  it("refuses a cancel status the description does not declare for a cancel that marks a job", async () => {
    const run = start(["--port", "0", "--cancel-status", "202"]);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toBe('--cancel-status must be 200 or 204; got "202"\n');
  });

  it("refuses a port that is not a number", async () => {
    const run = start(["--port", "http"]);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toBe('--port must be a port number from 0 to 65535; got "http"\n');
  });
});
