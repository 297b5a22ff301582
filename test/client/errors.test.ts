import { describe, expect, it } from "vitest";
import { createExportJob, createExportJobsClient, ExportJobsApiError, ExportJobsNetworkError, retrieveExportJob } from "../../src/index.js";
import { credentials, fakeFetch, json, type Answer } from "../support/fake-fetch.js";

async function failure(answer: Answer): Promise<any> {
  const api = fakeFetch(answer);
  const client = createExportJobsClient({ ...credentials, fetch: api.fetch, retry: false });
  const error = await retrieveExportJob(client, 11037).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, requestId: api.requests[0]?.headers.get("x-request-id") };
}

describe("ExportJobsApiError", () => {
  it("reads the gateway's shape", async () => {
    const { error, requestId } = await failure(json({ error_code: "401013", message: "Oauth token is not valid" }, 401));
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect(error).toMatchObject({ status: 401, code: "401013", method: "GET", path: "/export/jobs/11037", requestId });
    expect(error.message).toContain("Oauth token is not valid");
    expect(error.message).toContain(requestId);
  });

  it("reads the service's problem shape", async () => {
    const body = {
      type: "https://ns.adobe.com/aep/errors/UPAPI-403-0001",
      title: "Forbidden",
      status: 403,
      requestId: "svc-1",
      errors: { "403": [{ code: "UPAPI-403-0001", message: "No permission for this sandbox" }] },
    };
    const { error } = await failure(json(body, 403));
    expect(error).toMatchObject({ status: 403, code: "UPAPI-403-0001", title: "Forbidden", body });
    expect(error.message).toContain("No permission for this sandbox");
  });

  it("reads a problem with a detail", async () => {
    const { error } = await failure(json({ status: 400, title: "BadRequestError", detail: "A valid content-type must be specified" }, 400));
    expect(error.message).toContain("BadRequestError: A valid content-type must be specified");
  });

  it("covers an HTML error page", async () => {
    const { error } = await failure(new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, headers: { "content-type": "text/html" } }));
    expect(error).toMatchObject({ status: 502, code: undefined });
    expect(error.message).toContain("HTML page");
  });

  it("covers an empty body, even one that claims to be JSON", async () => {
    const { error } = await failure(new Response("", { status: 500, headers: { "content-type": "application/json" } }));
    expect(error).toMatchObject({ status: 500 });
    expect(error.message).toContain("no body");
  });

  it("covers a successful answer whose body is not JSON", async () => {
    const { error } = await failure(new Response("{not json", { status: 200, headers: { "content-type": "application/json" } }));
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect(error).toMatchObject({ status: 200 });
    expect(error.message).toContain("not valid JSON");
  });

  it("turns a failed connection into a network error that names the request", async () => {
    const { error } = await failure(new TypeError("fetch failed"));
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect(error.message).toContain("GET /export/jobs/11037");
  });

  it("never contains the token or API key, even when the server echoes them", async () => {
    const echo = (request: Request) =>
      json({ error_code: "401013", message: `bad ${request.headers.get("authorization")} for ${request.headers.get("x-api-key")}` }, 401);
    const { error } = await failure(echo);
    const everything = JSON.stringify({ message: error.message, ...error, stack: error.stack });
    expect(everything).toContain("[redacted]");
    expect(everything).not.toContain("S3cr3t");
  });
});

// A create that got no usable answer may have started an export all the same: the error says so,
// so that nobody repeats it blindly. A refusal (4xx), or a connection that never opened, did not.
describe("whether a failed create may have started a job", () => {
  async function createFailure(answer: Answer): Promise<any> {
    const client = createExportJobsClient({ ...credentials, fetch: fakeFetch(answer).fetch });
    return createExportJob(client, { destination: { datasetId: "5b7c86968f7b6501e21ba9df" }, schema: { name: "_xdm.context.profile" } }).then(
      () => undefined,
      (e: unknown) => e,
    );
  }
  const closedAfterSending = () => new TypeError("fetch failed", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });
  const refused = () => new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) });
  const unresolved = () => new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND platform.adobe.io"), { code: "ENOTFOUND" }) });

  it.each([
    ["a server error", () => json({ error_code: "500", message: "Internal error" }, 500), true],
    ["a gateway timeout page", () => new Response("<html>504</html>", { status: 504 }), true],
    ["a success whose body cannot be read", () => new Response("{not json", { status: 200 }), true],
    ["a connection closed after sending", closedAfterSending, true],
    ["a refusal of the body", () => json({ error_code: "400", message: "Bad request" }, 400), false],
    ["rate limiting", () => json({ error_code: "429", message: "Too many requests" }, 429), false],
    ["a refused connection", refused, false],
    ["a name that does not resolve", unresolved, false],
  ] as const)("%s", async (_what, answer, uncertain) => {
    const error = await createFailure(answer());
    expect(error.mayHaveTakenEffect).toBe(uncertain);
    expect(error.message.includes("may have been carried out all the same")).toBe(uncertain);
  });

  it("is never said of a read, which is safe to repeat", async () => {
    const { error } = await failure(json({ error_code: "500", message: "Internal error" }, 500));
    expect(error.mayHaveTakenEffect).toBe(false);
    const { error: network } = await failure(new TypeError("fetch failed"));
    expect(network.mayHaveTakenEffect).toBe(false);
    expect(network.message).not.toContain("carried out");
  });
});
