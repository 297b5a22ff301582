// The IMS token provider against a token endpoint that misbehaves: the client secret is posted
// only to the endpoint it was given, and nothing IMS sends back can carry it into an error.
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createImsTokenProvider, ImsTokenError } from "../../src/ims.js";
import { closeScriptedServers, json, scriptedServer } from "../support/scripted-server.js";

const SECRET = "S3cr3t-hostile-client-secret";

afterEach(closeScriptedServers);

function providerFor(imsUrl: string, timeoutMs?: number) {
  return createImsTokenProvider({ clientId: "client-123", clientSecret: SECRET, scopes: "openid", imsUrl, ...(timeoutMs ? { timeoutMs } : {}) });
}

async function imsFailure(promise: Promise<unknown>): Promise<ImsTokenError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${String(value)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImsTokenError);
  for (const view of [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 10 })]) expect(view).not.toContain(SECRET);
  return error as ImsTokenError;
}

describe("redirects from IMS", () => {
  it.each([301, 302, 303, 307, 308])("%i to another origin: refused, the secret never sent there, its token never taken", async (status) => {
    const elsewhere = await scriptedServer(json(200, { access_token: "stolen-token", expires_in: 86_399 }));
    const ims = await scriptedServer({ status, headers: { location: `${elsewhere.origin}/ims/token/v3` } });
    const error = await imsFailure(providerFor(`${ims.url}/ims/token/v3`)());
    expect(error.status).toBe(status);
    expect(error.message).toContain(`redirect to ${elsewhere.origin}`);
    expect(elsewhere.received).toEqual([]);
    expect(ims.received).toHaveLength(1);
  });
});

describe("what IMS sends back", () => {
  it("an error code and description that echo the secret, raw and escaped, are scrubbed in every property", async () => {
    const escaped = [...SECRET].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
    const ims = await scriptedServer({
      status: 400,
      headers: { "content-type": "application/json" },
      body: `{"error":"invalid_client ${SECRET}","error_description":"bad secret ${escaped}"}`,
    });
    const error = await imsFailure(providerFor(ims.url)());
    expect(error.code).toBe("invalid_client [redacted]");
    expect(error.message).toContain("bad secret [redacted]");
  });

  it("an answer that expands past the cap is refused without reading it all", async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    const ims = await scriptedServer({ status: 200, headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: bomb });
    const error = await imsFailure(providerFor(ims.url)());
    expect(error.message).toMatch(/^Adobe IMS answered HTTP 200 with the response body is larger than \d+ bytes$/);
    expect(error.status).toBe(200);
  });

  it("an answer that never comes ends with the provider's timeout", async () => {
    const ims = await scriptedServer("no-response");
    const error = await imsFailure(providerFor(ims.url, 150)());
    expect(error.message).toContain("no answer within 150 ms");
    // What the fetch threw is not kept: a fetch passed in may quote the form it was sending.
    expect(error).not.toHaveProperty("cause");
  });

  it("a body that stalls after its headers ends with the timeout too", async () => {
    const ims = await scriptedServer("stall-body");
    await imsFailure(providerFor(ims.url, 150)());
  });
});

describe("where the secret may be sent", () => {
  it.each([
    ["a user name and password", "https://user:pw@ims-na1.adobelogin.com/ims/token/v3"],
    ["plain http to another machine", "http://ims-na1.adobelogin.com/ims/token/v3"],
  ])("refuses an imsUrl with %s", (_what, imsUrl) => {
    expect(() => providerFor(imsUrl)).toThrow(/imsUrl must/);
  });
});
