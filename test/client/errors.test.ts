import { describe, expect, it } from "vitest";
import { createExportJobsClient, ExportJobsApiError, ExportJobsNetworkError, retrieveExportJob } from "../../src/index.js";
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
