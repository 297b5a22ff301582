// Talks to the mock over real HTTP and checks each answer against the bundled description.
import { afterEach, expect } from "vitest";
import { startMockServer, type MockJobStore, type MockServer, type MockServerOptions } from "../../src/mock/server.js";
import { check } from "../support/openapi.js";

export const TOKEN = "S3cr3t-mock-token";
export const API_KEY = "S3cr3t-mock-api-key";
export const ORG = "TEST0RG0000000000000000@AdobeOrg";

export const credentialHeaders: Record<string, string> = {
  authorization: `Bearer ${TOKEN}`,
  "x-api-key": API_KEY,
  "x-gw-ims-org-id": ORG,
  "x-sandbox-name": "prod",
};

/**
 * Starts mock servers for the tests of a file: after each test, every server started during it is
 * closed, and the test fails if any of them sent an answer the description does not allow.
 * Call it once, outside any test; each start may override the file's `defaults`.
 */
export function useMockServer(defaults: MockServerOptions = {}): (options?: MockServerOptions) => Promise<MockServer> {
  const started: MockServer[] = [];
  afterEach(async () => {
    const servers = started.splice(0);
    // Closed before the check, so that a failing check leaves no server listening.
    await Promise.all(servers.map((server) => server.close()));
    for (const server of servers) expect(server.responseViolations).toEqual([]);
  });
  return async (options = {}) => {
    const server = await startMockServer({ ...defaults, ...options });
    started.push(server);
    return server;
  };
}

/** The jobs that `call` sees: those of its organization and sandbox. */
export function jobsOfCaller(server: MockServer): MockJobStore {
  return server.jobsOf(credentialHeaders["x-gw-ims-org-id"]!, credentialHeaders["x-sandbox-name"]!);
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export async function call(
  server: MockServer,
  method: string,
  path: string,
  init: { headers?: Record<string, string | undefined>; json?: unknown; body?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...credentialHeaders, ...init.headers })) if (value !== undefined) headers[name] = value;
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text === "" ? undefined : JSON.parse(text) };
}

/** Asserts the reply is one the description allows for the operation (any error body when none). */
export function expectDescribed(operationId: string | undefined, reply: Reply): void {
  if (operationId === undefined) {
    expect(check("schema_ApiErrorBody", reply.body).errors).toEqual([]);
  } else if (reply.status === 204) {
    expect(reply.text).toBe("");
  } else {
    expect(check(`${operationId}_${reply.status}`, reply.body).errors).toEqual([]);
  }
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
