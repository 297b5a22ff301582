import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { ExportJob } from "../../src/index.js";
import { EXIT_API_ERROR, EXIT_OK } from "../../src/cli/exit-codes.js";
import { closeScriptedServers, json, scriptedServer } from "../support/scripted-server.js";
import { finishedJob, manyJobs, NEWEST_CREATION_TIME } from "./fixtures.js";
import { CLI_ENTRY, credentialsEnv, currentMock, ESC, mockWith, ROOT, runCli, startCli, useCliHarness } from "./harness.js";

useCliHarness();
afterEach(closeScriptedServers);


const twoJobs = (): ExportJob[] => [
  finishedJob(11037, NEWEST_CREATION_TIME),
  finishedJob(722, NEWEST_CREATION_TIME - 86_400_000, {
    status: "FAILED",
    destination: { dataSetId: "legacy-dataset", segmentPerBatch: true, batches: [] },
    filter: { segments: [{ segmentId: "a", segmentNs: "ups", status: ["realized"] }, { segmentId: "b", segmentNs: "ups", status: ["realized"] }] },
    metrics: {},
  }),
];

describe("list as a table", () => {
  it("shows id, status, creation time in UTC, dataset, segments and duration, without colour when piped", async () => {
    const env = await mockWith({ jobs: twoJobs() });

    const { code, stdout } = await runCli(["list"], { env });

    expect(code).toBe(EXIT_OK);
    expect(stdout).not.toContain(ESC);
    expect(stdout.split("\n")).toEqual([
      "   ID  STATUS     CREATED (UTC)         DATASET                   SEGMENTS       DURATION",
      "11037  SUCCEEDED  2024-05-01T12:00:00Z  5b7c86968f7b6501e21ba9df  segment-11037  8m 25s",
      "  722  FAILED     2024-04-30T12:00:00Z  legacy-dataset            2 segments     -",
      "",
    ]);
  });

  it("colours the statuses on a terminal, unless NO_COLOR is set", async () => {
    const env = await mockWith({ jobs: twoJobs() });

    const terminal = await runCli(["list"], { env, tty: true });
    const noColour = await runCli(["list"], { env: { ...env, NO_COLOR: "1" }, tty: true });

    expect(terminal.stdout).toContain(`${ESC}32mSUCCEEDED`);
    expect(terminal.stdout).toContain(`${ESC}31mFAILED`);
    expect(noColour.stdout).not.toContain(ESC);
    expect(noColour.stdout.replace(/ +/g, " ")).toContain("11037 SUCCEEDED 2024-05-01T12:00:00Z");
  });

  it.skipIf(!hasScript())("detects a real terminal (under script(1)) without any override", async () => {
    const env = await mockWith({ jobs: twoJobs() });
    const exports = Object.entries({ ...env, NO_COLOR: "" }).map(([k, v]) => `${k}='${v}'`).join(" ");

    // Asynchronously: the mock answering the tool lives in this process.
    const { stdout } = await promisify(execFile)("script", ["-qec", `env -u NO_COLOR ${exports} ${process.execPath} ${CLI_ENTRY} list`, "/dev/null"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "" },
      timeout: 30_000,
    });

    expect(stdout).toContain(`${ESC}32mSUCCEEDED`);
  });

  it("says when there are no jobs, on stderr", async () => {
    const env = await mockWith({});

    const { code, stdout, stderr } = await runCli(["list"], { env });

    expect(code).toBe(EXIT_OK);
    expect(stdout).toBe("");
    expect(stderr).toBe("No export jobs.\n");
  });

  it("hints at --all when there are more pages", async () => {
    const env = await mockWith({ jobs: manyJobs(5) });

    const { stdout, stderr } = await runCli(["list", "--limit", "2"], { env });

    expect(stdout.trimEnd().split("\n")).toHaveLength(3);
    expect(stderr).toContain("add --all");
  });
});

describe("list with escape sequences from the server", () => {
  const RETITLE = "\u001b]0;pwned\u0007";
  const CLEAR = "\u001b[2J";
  const hostile = (): ExportJob[] => [
    finishedJob(11038, NEWEST_CREATION_TIME, {
      status: `${CLEAR}NEW${RETITLE}` as ExportJob["status"],
      destination: { datasetId: `${RETITLE}\u009b31m`, segmentPerBatch: false, batchId: "b" },
      filter: { segments: [{ segmentId: `seg\r${CLEAR}`, segmentNs: "ups", status: ["realized"] }] },
    }),
    finishedJob(11037, NEWEST_CREATION_TIME - 1000),
  ];
  // What a terminal would act on, newlines apart (the tool writes those itself).
  const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it("the table shows them made visible, and its columns still line up", async () => {
    const env = await mockWith({ jobs: hostile() });

    const { code, stdout } = await runCli(["list"], { env });

    expect(code).toBe(EXIT_OK);
    expect(stdout).not.toMatch(RAW_CONTROL);
    // Measured after escaping, so that every column still starts where its header does.
    expect(stdout.split("\n")).toEqual([
      "   ID  STATUS                      CREATED (UTC)         DATASET                   SEGMENTS        DURATION",
      "11038  \\x1b[2JNEW\\x1b]0;pwned\\x07  2024-05-01T12:00:00Z  \\x1b]0;pwned\\x07\\x9b31m   seg\\x0d\\x1b[2J  8m 25s",
      "11037  SUCCEEDED                   2024-05-01T11:59:59Z  5b7c86968f7b6501e21ba9df  segment-11037   8m 25s",
      "",
    ]);
  });

  it("--ndjson still prints each job as the API sent it", async () => {
    const env = await mockWith({ jobs: hostile() });

    const { stdout } = await runCli(["list", "--ndjson"], { env });

    expect(stdout.split("\n")[0]).toBe(JSON.stringify(hostile()[0]));
  });
});

describe("list for scripts", () => {
  it("--json prints the page as the API sent it", async () => {
    const env = await mockWith({ jobs: manyJobs(5) });

    const { code, stdout } = await runCli(["list", "--json", "--limit", "2", "--status", "succeeded"], { env });

    expect(code).toBe(EXIT_OK);
    const page = JSON.parse(stdout);
    expect(page.records.map((j: ExportJob) => j.id)).toEqual([4, 3]);
    expect(page.link.next).toMatch(/^\/export\/jobs\/\?limit=2&offset=\d+_3&status=SUCCEEDED$/);
    expect(currentMock().requests[0]!.query).toBe("?limit=2&status=SUCCEEDED");
  });

  it("--ndjson prints one job per line", async () => {
    const env = await mockWith({ jobs: twoJobs() });

    const { stdout } = await runCli(["list", "--ndjson"], { env });

    const lines = stdout.trimEnd().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as ExportJob).id)).toEqual([11037, 722]);
  });
});

describe("list --all", () => {
  it("follows every page: 250 jobs, 20 a page, as NDJSON, newest first", async () => {
    const env = await mockWith({ jobs: manyJobs(250) });

    const { code, stdout } = await runCli(["list", "--all", "--limit", "20", "--ndjson"], { env });

    expect(code).toBe(EXIT_OK);
    const ids = stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as ExportJob).id);
    expect(ids).toEqual(Array.from({ length: 250 }, (_, i) => 250 - i));
    expect(currentMock().requests.filter((r) => r.method === "GET")).toHaveLength(13);
  });

  it("streams a JSON array of every job", async () => {
    const env = await mockWith({ jobs: manyJobs(45) });

    const { stdout } = await runCli(["list", "--all", "--limit", "20", "--json"], { env });

    const jobs = JSON.parse(stdout) as ExportJob[];
    expect(jobs.map((j) => j.id)).toEqual(Array.from({ length: 45 }, (_, i) => 45 - i));
  });

  it("prints an empty JSON array when there are no jobs", async () => {
    const env = await mockWith({});

    const { stdout } = await runCli(["list", "--all", "--json"], { env });

    expect(JSON.parse(stdout)).toEqual([]);
  });

  it("prints one table across the pages, with one header", async () => {
    const env = await mockWith({ jobs: manyJobs(45) });

    const { stdout } = await runCli(["list", "--all", "--limit", "20"], { env });

    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(46);
    expect(lines.filter((l) => l.includes("STATUS"))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^ +1  SUCCEEDED  /);
  });

  it("prints each page as it arrives, before asking for the next", async () => {
    const api = await pagedStub();
    const cli = startCli(["list", "--all", "--ndjson"], { env: credentialsEnv(api.url) });

    await cli.waitFor("stdout", /"id":2,.*\n/);
    expect(api.pagesServed()).toBe(1);
    api.releaseSecondPage();

    const { code, stdout } = await cli.result;
    expect(code).toBe(EXIT_OK);
    expect(stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as ExportJob).id)).toEqual([3, 2, 1]);
  });
});

describe("list --all when a later page fails", () => {
  async function listRefused(format: string[]) {
    const api = await pagedStub({ refuseSecondPage: true });
    return runCli(["list", "--all", ...format], { env: credentialsEnv(api.url) });
  }

  it("--json still closes the array, and says on stderr that it is incomplete", async () => {
    const { code, stdout, stderr } = await listRefused(["--json"]);

    expect(code).toBe(EXIT_API_ERROR);
    expect((JSON.parse(stdout) as ExportJob[]).map((job) => job.id)).toEqual([3, 2]);
    expect(stderr).toContain("The list is incomplete: 2 jobs were printed before this error.");
    expect(stderr).toContain("Offset expired");
  });

  it("--ndjson keeps the jobs it printed and says the list is incomplete", async () => {
    const { code, stdout, stderr } = await listRefused(["--ndjson"]);

    expect(code).toBe(EXIT_API_ERROR);
    expect(stdout.trimEnd().split("\n").map((line) => (JSON.parse(line) as ExportJob).id)).toEqual([3, 2]);
    expect(stderr).toContain("The list is incomplete: 2 jobs were printed");
  });

  it("the table prints the rows it held back to size its columns", async () => {
    // The first page (2 jobs) is shorter than the default page size the table waits for.
    const { code, stdout, stderr } = await listRefused([]);

    expect(code).toBe(EXIT_API_ERROR);
    expect(stdout.trimEnd().split("\n").map((line) => line.trim().split(/\s+/)[0])).toEqual(["ID", "3", "2"]);
    expect(stderr).toContain("The list is incomplete: 2 jobs were printed");
  });
});

function hasScript(): boolean {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * An API of three jobs in two pages whose second page is held back until the test says so, or
 * refused with a 400 (which is not retried) when `refuseSecondPage` is set.
 */
async function pagedStub({ refuseSecondPage = false } = {}) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let served = 0;
  const page = (body: unknown) => {
    served++;
    return json(200, body);
  };
  const api = await scriptedServer((received) => {
    if (!new URL(received.path, "http://x").searchParams.has("offset")) {
      return page({ records: [{ id: 3, status: "NEW" }, { id: 2, status: "NEW" }], link: { next: "/export/jobs/?limit=2&offset=1_2" } });
    }
    if (refuseSecondPage) return json(400, { error_code: "400", message: "Offset expired" });
    return held.then(() => page({ records: [{ id: 1, status: "NEW" }], link: { next: "" } }));
  });
  return { url: api.url, pagesServed: () => served, releaseSecondPage: release };
}
