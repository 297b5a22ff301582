// A small, stateful stand-in of the export jobs API for local work and tests: node:http only.
// It answers the way the description says, checks every response it sends against the
// description, and records each answer it gets wrong in `responseViolations`.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { checkResponse } from "./checks.js";
import { listen } from "./listen.js";
import { checkCredentials, headerValue } from "./credentials.js";
import { problem } from "./errors.js";
import { IdSequence } from "./id-sequence.js";
import { inLegacyShapes } from "./legacy-shapes.js";
import { route, type Answer, type RouteContext } from "./routes.js";
import { seedJobs } from "./seed.js";
import { Tenants } from "./tenants.js";
import type { MockRequestRecord, MockServer, MockServerOptions } from "./types.js";

export type { MockCredentials, MockJobStore, MockRequestRecord, MockServer, MockServerOptions } from "./types.js";
export { FAILURE_TRIGGER } from "./lifecycle.js";

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const legacyShapes = options.legacyShapes ?? false;
  const timing = { processingAfterMs: options.processingAfterMs ?? 1000, finishAfterMs: options.finishAfterMs ?? 3000 };
  const tenants = new Tenants({
    seeds: options.seed ?? true ? seedJobs({ legacyShapes }) : [],
    jobs: options.jobs ?? [],
    now,
    timing,
    ids: new IdSequence(),
  });
  const context: Omit<RouteContext, "store"> = {
    now,
    timing,
    cancelStatus: options.cancelStatus ?? 200,
    present: legacyShapes ? inLegacyShapes : (job) => job,
  };
  const requests: MockRequestRecord[] = [];
  const responseViolations: string[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", "http://mock.invalid");
    const sentId = request.headers["x-request-id"];
    const requestId = typeof sentId === "string" && REQUEST_ID.test(sentId) ? sentId : randomUUID();
    const target = route(method, url.pathname);
    let answer: Answer;
    try {
      answer = checkCredentials(request.headers, options.credentials) ?? (await target.handle({ request, url, requestId }, { ...context, store: tenantOf(request) }));
    } catch (error) {
      log(`mock failure on ${method} ${url.pathname}: ${(error as Error).stack ?? error}`);
      answer = problem(500, "The mock server failed to answer this request", requestId);
    }
    const violation = checkResponse(target.operationId, answer.status, answer.body);
    if (violation) {
      const entry = `${method} ${url.pathname}${url.search} -> ${violation}`;
      responseViolations.push(entry);
      log(`response breaks the description: ${entry}`);
    }
    send(response, answer, requestId);
    requests.push({ method, path: url.pathname, query: url.search, status: answer.status, requestId });
    log(`${method} ${url.pathname}${url.search} ${answer.status} ${Math.round(performance.now() - started)} ms`);
  }

  // Only called once the credentials passed, so both headers are there.
  function tenantOf(request: IncomingMessage) {
    return tenants.storeOf(headerValue(request.headers, "x-gw-ims-org-id")!, headerValue(request.headers, "x-sandbox-name")!);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // Only reached when answering itself failed, e.g. the client hung up: never crash the host process.
      log(`mock failure: ${(error as Error).message}`);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  const listening = await listen(server, options.port, options.host);
  return {
    url: listening.origin,
    port: listening.port,
    jobsOf: (orgId, sandboxName) => tenants.storeOf(orgId, sandboxName),
    requests,
    responseViolations,
    close: listening.close,
  };
}

function send(response: ServerResponse, answer: Answer, requestId: string): void {
  response.statusCode = answer.status;
  response.setHeader("x-request-id", requestId);
  for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
  if (answer.body === undefined) {
    response.end();
    return;
  }
  response.setHeader("content-type", "application/json");
  response.end(JSON.stringify(answer.body));
}
