// `npm start`: builds the description, types, validators, client and docs, then serves the docs
// and a stateful stand-in of the API on this machine, and prints how to call it.
// `npm run mock` (`--skip-build`) serves what is already built.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PLATFORM_BASE_PATH } from "../src/mock/base-path.js";
import { runSteps } from "./lib/run-steps.js";

const DEFAULT_API_PORT = 4010;
const DEFAULT_DOCS_PORT = 4011;
// Each runs only when what it reads changed since it last succeeded (scripts/lib/build-steps.ts).
const BUILD_STEPS = ["lint", "generate", "build"];
const REQUIRED_FILES = ["dist/openapi.json", "dist/docs/index.html", "dist/docs/redoc.js", "generated/validators.js"];
const LOCAL = { accessToken: "local-token", apiKey: "local-key", orgId: "local-org@AdobeOrg", sandboxName: "prod" };

const PLATFORM_ORIGIN = "https://platform.adobe.io";
const CANCEL_STATUSES = [200, 204] as const;

const USAGE = `Usage: npm start -- [--port <n>] [--docs-port <n>] [--cancel-status 200|204] [--legacy-shapes] [--skip-build]

Builds everything, then serves the API docs and a stand-in of the export jobs API on 127.0.0.1.
  --port <n>             API port (default ${DEFAULT_API_PORT}, or AEP_MOCK_PORT); 0 picks a free port
  --docs-port <n>        docs port (default ${DEFAULT_DOCS_PORT}, or AEP_DOCS_PORT); 0 picks a free port
  --cancel-status <n>    how a cancel that marks a job answers: 200 with an acknowledgement (default)
                         or 204 without a body
  --legacy-shapes        send jobs in the legacy forms the description accepts: dataSetId, a
                         single-object batches, a bare-string batch status
  --skip-build           serve what is already built (npm run mock)`;

/** Ends the process with one line on stderr: these are the user's problems, not the program's. */
function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function portFrom(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`${flag} must be a port number from 0 to 65535; got "${value}"`);
  return port;
}

function cancelStatusFrom(value: string | undefined): 200 | 204 {
  if (value === undefined) return 200;
  const status = CANCEL_STATUSES.find((allowed) => String(allowed) === value);
  if (status === undefined) fail(`--cancel-status must be ${CANCEL_STATUSES.join(" or ")}; got "${value}"`);
  return status;
}

function readOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: "string" },
        "docs-port": { type: "string" },
        "cancel-status": { type: "string" },
        "legacy-shapes": { type: "boolean", default: false },
        "skip-build": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  return {
    apiPort: portFrom("--port", parsed.port ?? process.env.AEP_MOCK_PORT, DEFAULT_API_PORT),
    docsPort: portFrom("--docs-port", parsed["docs-port"] ?? process.env.AEP_DOCS_PORT, DEFAULT_DOCS_PORT),
    cancelStatus: cancelStatusFrom(parsed["cancel-status"]),
    legacyShapes: parsed["legacy-shapes"],
    skipBuild: parsed["skip-build"],
  };
}

function listenError(error: unknown, port: number, flag: string, variable: string): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") fail(`Port ${port} is in use; pass ${flag} or set ${variable}`);
  if (code === "EACCES") fail(`Port ${port} needs privileges this process does not have; pass ${flag} or set ${variable}`);
  fail(`Cannot listen on port ${port}: ${(error as Error).message}`);
}

type Options = ReturnType<typeof readOptions>;

/** What differs from the default answers, one line each, so that nobody forgets which mode is on. */
function modeLines({ cancelStatus, legacyShapes }: Options): string {
  const lines: string[] = [];
  if (cancelStatus === 204) lines.push("Cancel: a job marked for cancelling is answered 204, without a body (--cancel-status 204).");
  if (legacyShapes) lines.push("Jobs are sent in the legacy forms: dataSetId, a single-object batches, a bare-string batch status (--legacy-shapes).");
  return lines.length > 0 ? `\n${lines.join("\n")}\n` : "";
}

function banner(apiUrl: string, docsUrl: string, options: Options): string {
  const headers = [
    `-H 'Authorization: Bearer ${LOCAL.accessToken}'`,
    `-H 'x-api-key: ${LOCAL.apiKey}'`,
    `-H 'x-gw-ims-org-id: ${LOCAL.orgId}'`,
    `-H 'x-sandbox-name: ${LOCAL.sandboxName}'`,
  ].join(" ");
  const body = JSON.stringify({ destination: { datasetId: "5b7c86968f7b6501e21ba9df" }, schema: { name: "_xdm.context.profile" } });
  const platformUrl = `${apiUrl}${PLATFORM_BASE_PATH}`;
  return `
Docs: ${docsUrl}
API:  ${apiUrl}
      also at ${platformUrl}, the platform's base path: a request copied from Adobe's
      documentation or Postman collection works once ${PLATFORM_ORIGIN} is replaced with ${apiUrl}
${modeLines(options)}
List export jobs (${apiUrl}/export/jobs answers the same):
  curl -s '${platformUrl}/export/jobs?limit=5' ${headers}

Create an export job (it moves NEW -> PROCESSING -> SUCCEEDED in about 4 s; a datasetId starting with "fail" ends FAILED):
  curl -s -X POST '${platformUrl}/export/jobs' ${headers} -H 'Content-Type: application/json' -d '${body}'

From TypeScript (save as try.mts where aep-export-jobs is installed, run with npx tsx try.mts;
Node.js 22.18 and later also run it as node try.mts):
  import { createExportJobsClient, createExportJob, waitForExportJob } from "aep-export-jobs";

  const client = createExportJobsClient({
    baseUrl: "${apiUrl}",
    accessToken: "${LOCAL.accessToken}",
    apiKey: "${LOCAL.apiKey}",
    orgId: "${LOCAL.orgId}",
  });
  const job = await createExportJob(client, {
    destination: { datasetId: "5b7c86968f7b6501e21ba9df" },
    schema: { name: "_xdm.context.profile" },
  });
  const done = await waitForExportJob(client, job.id, { intervalMs: 500 });
  console.log(done.status);

Any non-empty credentials are accepted; each organization and sandbox has its own jobs. Press Ctrl-C to stop.
`;
}

async function main(): Promise<void> {
  const options = readOptions();
  if (!options.skipBuild) {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const { ok, outcomes } = await runSteps(BUILD_STEPS, { root }).catch((error: unknown) => fail((error as Error).message));
    const failed = outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.name);
    if (!ok) fail(`\nThe ${failed.join(", ")} step failed; nothing was started. Fix the problem above and run npm start again.`);
  }
  const missing = REQUIRED_FILES.filter((file) => !existsSync(file));
  if (missing.length > 0) fail(`${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing: run npm start (which builds first) or npm run build and npm run generate`);

  // Imported only now: the mock loads the generated validators, which the build has just written.
  const { startMockServer } = await import("../src/mock/server.js");
  const { startStaticServer } = await import("../src/mock/static-server.js");

  const api = await startMockServer({
    port: options.apiPort,
    cancelStatus: options.cancelStatus,
    legacyShapes: options.legacyShapes,
    log: (line) => process.stdout.write(`[mock] ${line}\n`),
  }).catch(
    (error: unknown) => listenError(error, options.apiPort, "--port", "AEP_MOCK_PORT"),
  );
  // On failure the process exits, which frees the API port too.
  const docs = await startStaticServer({ root: "dist/docs", port: options.docsPort }).catch((error: unknown) =>
    listenError(error, options.docsPort, "--docs-port", "AEP_DOCS_PORT"),
  );

  let stopping = false;
  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    await Promise.all([api.close(), docs.close()]);
    process.stdout.write("Stopped.\n");
    process.exit(0);
  }
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  // npm runs this through sh, which does not pass a signal on: when npm alone is stopped, sh goes
  // and this process would keep the ports. A new parent means that happened.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 500).unref();

  process.stdout.write(banner(api.url, docs.url, options));
}

await main();
