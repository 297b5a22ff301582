// Installs the packed tarball into a fresh ESM project, as a user would, then type-checks and runs
// a small consumer against it and runs the installed command-line tool.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer } from "../../src/mock/server.js";
import { ensureBuilt, packInto } from "./packed-files.js";

const TOKEN = "S3cr3t-consumer-token";
const API_KEY = "S3cr3t-consumer-api-key";
const tsc = resolve("node_modules/typescript/bin/tsc");
const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

// Imports only what a user imports, from the package name, and prints what came back.
const consumer = `
import { createExportJobsClient, normalizeExportJob, retrieveExportJob } from "aep-export-jobs";
import type { ExportJob } from "aep-export-jobs";

const job: ExportJob = {
  id: 100,
  status: "SUCCEEDED",
  destination: {
    dataSetId: "5b7c86968f7b6501e21ba9df",
    batches: { segmentId: "52c26d0d-45f2-47a2-ab30-ed06abc981ff", status: "realized", batchId: "da5cfb4de32c4b93a09f7e37fa53ad52" },
  },
  schema: { name: "_xdm.context.profile" },
};

const seen: string[] = [];
const client = createExportJobsClient({
  accessToken: "${TOKEN}",
  apiKey: "${API_KEY}",
  orgId: "TEST0RG0000000000000000@AdobeOrg",
  fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(\`\${request.method} \${request.url} x-api-key:\${request.headers.has("x-api-key")}\`);
    return new Response(JSON.stringify(job), { status: 200, headers: { "content-type": "application/json" } });
  },
});

const fetched: ExportJob = await retrieveExportJob(client, 100);
const normalized = normalizeExportJob(fetched);
console.log(JSON.stringify({ seen, id: normalized.id, destination: normalized.destination }));
`;

// The README's client snippet, exactly as a reader copies it.
const readme = readFileSync("README.md", "utf8");
const readmeSnippet = /## Use the client\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)![1]!;
const STAND_IN = "http://127.0.0.1:4010";

let project: string;
/** tsc over both programs, once: each test below reads its verdict. */
let compiled: ReturnType<typeof run>;

function run(command: string, args: string[]) {
  return spawnSync(command, args, { cwd: project, encoding: "utf8" });
}

describe("the packed package, installed in a new project", { timeout: 60_000 }, () => {
  beforeAll(() => {
    ensureBuilt();
    project = mkdtempSync(join(tmpdir(), "aep-export-jobs-consumer-"));
    const tarball = join(project, packInto(project));
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", version: "0.0.0", private: true, type: "module" }),
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2022", "DOM"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          types: [],
          outDir: "out",
        },
        include: ["consumer.ts", "readme.ts"],
      }),
    );
    mkdirSync(join(project, "out"));
    writeFileSync(join(project, "consumer.ts"), consumer);
    // Pointed at this test's stand-in, which listens on a free port rather than the README's.
    expect(readmeSnippet).toContain(`baseUrl: "${STAND_IN}"`);
    writeFileSync(join(project, "readme.ts"), readmeSnippet);
    execFileSync("npm", ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"], {
      cwd: project,
      stdio: "pipe",
    });
    compiled = run(process.execPath, [tsc, "-p", "tsconfig.json"]);
  }, 180_000);

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it("type-checks a consumer under NodeNext and strict, and runs it with plain node", () => {
    expect(compiled.stdout + compiled.stderr).toBe("");
    expect(compiled.status).toBe(0);

    const ran = run(process.execPath, ["out/consumer.js"]);
    expect(ran.stderr).toBe("");
    expect(ran.status).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual({
      seen: ["GET https://platform.adobe.io/data/core/ups/export/jobs/100 x-api-key:true"],
      id: 100,
      destination: {
        datasetId: "5b7c86968f7b6501e21ba9df",
        batches: [
          { segmentId: "52c26d0d-45f2-47a2-ab30-ed06abc981ff", status: ["realized"], batchId: "da5cfb4de32c4b93a09f7e37fa53ad52" },
        ],
      },
    });
    expect(ran.stdout).not.toContain("S3cr3t");
  });

  it("runs the README's client snippet as written: it type-checks without @types/node, and prints batch ids", async () => {
    expect(compiled.stdout + compiled.stderr).toBe("");
    const standIn = await startMockServer({ port: 0 });
    try {
      const script = readFileSync(join(project, "out/readme.js"), "utf8").replace(STAND_IN, standIn.url);
      writeFileSync(join(project, "out/readme-here.js"), script);
      const ran = await new Promise<{ status: number | null; stdout: string; stderr: string }>((settle) => {
        const child = spawn(process.execPath, ["out/readme-here.js"], { cwd: project });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("close", (status) => settle({ status, stdout, stderr }));
      });
      expect(ran.stderr).toBe("");
      expect(ran.status).toBe(0);
      const lines = ran.stdout.trim().split("\n");
      // onStatus prints each status the job passes through, then the outcome with its batch ids.
      const outcome = lines.findIndex((line) => /^SUCCEEDED \[ '\w+' \]$/.test(line));
      expect(outcome, ran.stdout).toBeGreaterThan(0);
      expect([lines[0], lines[outcome - 1]]).toEqual(["NEW", "SUCCEEDED"]);
      expect(lines).toContainEqual(expect.stringMatching(/^722 \S/));
      expect(lines.at(-1)).toBe("true 200");
    } finally {
      await standIn.close();
    }
  }, 60_000);

  it("ships the bundled description under its export names", () => {
    const ran = run(process.execPath, [
      "--input-type=module",
      "-e",
      'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' +
        'const doc = require("aep-export-jobs/openapi.json");' +
        'console.log(doc.info.version, require.resolve("aep-export-jobs/openapi.yaml").endsWith("openapi.yaml"));',
    ]);
    expect(ran.stderr).toBe("");
    expect(ran.stdout.trim()).toBe(`${manifest.version} true`);
  });

  it.skipIf(!existsSync("src/cli/main.ts"))("installs the aep-export-jobs command", () => {
    // The link npm made for the package's bin, as npx or a package script would find it.
    const command = join(project, "node_modules", ".bin", "aep-export-jobs");
    const help = run(command, ["--help"]);
    expect(help.stderr).toBe("");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: aep-export-jobs/);

    const version = run(command, ["--version"]);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(manifest.version);
  });
});
