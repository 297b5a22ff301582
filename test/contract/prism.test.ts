// The client against Prism, a mock of the description that is not ours: Prism validates every
// request against dist/openapi.yaml and answers from the description's examples, which the
// client's response validation (validateResponses) checks in turn.
import { describe, expect, it } from "vitest";
import {
  cancelExportJob,
  createExportJob,
  createExportJobsClient,
  ExportJobsApiError,
  ExportJobsValidationError,
  listExportJobs,
  retrieveExportJob,
  type CreateExportJobRequest,
} from "../../src/index.js";
import { bundled, exampleValue } from "../support/openapi.js";
import { prismClient, prismCredentials, prismUrl, type Exchange } from "./prism.support.js";

const JOB_ID = 11037;
const fullBody = exampleValue("create-request-full") as CreateExportJobRequest;

function expectAcceptedByPrism(exchanges: Exchange[], count: number): void {
  expect(exchanges).toHaveLength(count);
  for (const exchange of exchanges) {
    expect(exchange.violations, `${exchange.method} ${exchange.url}`).toBeNull();
    expect(exchange.status).toBeGreaterThanOrEqual(200);
    expect(exchange.status).toBeLessThan(300);
  }
}

const credentialHeaders = {
  authorization: `Bearer ${prismCredentials.accessToken}`,
  "x-api-key": prismCredentials.apiKey,
  "x-gw-ims-org-id": prismCredentials.orgId,
  "x-sandbox-name": "prod",
};

describe("the client against Prism", () => {
  it("lists one page with limit and status", async () => {
    const { client, exchanges } = prismClient();
    const page = await listExportJobs(client, { limit: 2, status: "SUCCEEDED" });
    expect(page.records.length).toBeGreaterThan(0);
    expectAcceptedByPrism(exchanges, 1);
    const sent = new URL(exchanges[0]!.url);
    expect(sent.searchParams.get("limit")).toBe("2");
    expect(sent.searchParams.get("status")).toBe("SUCCEEDED");
  });

  it("creates a job from the full body, with x-profile-instance-id", async () => {
    const { client, exchanges } = prismClient();
    const job = await createExportJob(client, fullBody, { profileInstanceId: "ups" });
    expect(job.id).toBeGreaterThan(0);
    expectAcceptedByPrism(exchanges, 1);
    expect(exchanges[0]!.method).toBe("POST");
    expect(exchanges[0]!.profileInstanceId).toBe("ups");
  });

  it("creates a job from the minimal body", async () => {
    const { client, exchanges } = prismClient();
    await createExportJob(client, exampleValue("create-request-minimal") as CreateExportJobRequest);
    expectAcceptedByPrism(exchanges, 1);
  });

  it("retrieves a job", async () => {
    const { client, exchanges } = prismClient();
    const job = await retrieveExportJob(client, JOB_ID);
    expect(["NEW", "PROCESSING", "SUCCEEDED", "FAILED"]).toContain(job.status);
    expectAcceptedByPrism(exchanges, 1);
    expect(new URL(exchanges[0]!.url).pathname).toBe(`/export/jobs/${JOB_ID}`);
  });

  it("cancels a job answered with 200 and an acknowledgement", async () => {
    const { client, exchanges } = prismClient();
    const result = await cancelExportJob(client, JOB_ID);
    expect(result).toMatchObject({ jobId: JOB_ID, httpStatus: 200, accepted: true });
    expect(result.message).toEqual(expect.any(String));
    expectAcceptedByPrism(exchanges, 1);
  });

  it("cancels a job answered with 204 and no body", async () => {
    const { client, exchanges } = prismClient({ prefer: "code=204" });
    const result = await cancelExportJob(client, JOB_ID);
    expect(result).toEqual({ jobId: JOB_ID, httpStatus: 204, accepted: true });
    expectAcceptedByPrism(exchanges, 1);
  });

  // Prism serves each named example on request, so every 200 example of the description goes
  // through the client's response validation.
  const successExamples = Object.entries(bundled.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "post", "delete"].includes(method))
      .flatMap(([method, operation]) =>
        Object.keys(operation.responses["200"]?.content?.["application/json"]?.examples ?? {}).map((name) => ({
          operationId: operation.operationId as string,
          method,
          path,
          name,
        })),
      ),
  );

  it("covers the examples of every operation", () => {
    expect(new Set(successExamples.map((e) => e.operationId))).toEqual(
      new Set(["listExportJobs", "createExportJob", "retrieveExportJob", "cancelExportJob"]),
    );
  });

  it.each(successExamples)("$operationId serves example $name, which passes response validation", async ({ operationId, name }) => {
    const { client, exchanges } = prismClient({ prefer: `example=${name}` });
    const byId = { params: { path: { EXPORT_JOB_ID: JOB_ID } } };
    const outcome =
      operationId === "listExportJobs"
        ? await client.GET("/export/jobs", { params: { query: { limit: 2 } } })
        : operationId === "createExportJob"
          ? await client.POST("/export/jobs", { body: fullBody })
          : operationId === "retrieveExportJob"
            ? await client.GET("/export/jobs/{EXPORT_JOB_ID}", byId)
            : await client.DELETE("/export/jobs/{EXPORT_JOB_ID}", byId);
    expect(outcome.error).toBeUndefined();
    expect(outcome.data).toEqual(exampleValue(name));
    expectAcceptedByPrism(exchanges, 1);
  });

  it("has live response validation: a Prism answer corrupted on the way is refused", async () => {
    // Guards the checks above: with validateResponses the client refuses what the description does not allow.
    const corrupting: typeof fetch = async (input, init) => {
      const job = (await (await fetch(input, init)).json()) as Record<string, unknown>;
      return Response.json({ ...job, status: "SUCCESSEDED" });
    };
    const client = createExportJobsClient({ ...prismCredentials, baseUrl: prismUrl(), fetch: corrupting, validateResponses: true, retry: false });
    const error = await retrieveExportJob(client, JOB_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsValidationError);
    expect((error as Error).message).toContain("/status");
    expect((error as Error).message).toContain("NEW, PROCESSING, SUCCEEDED, FAILED");
  });

  it("sees Prism's violations when the client sends what the description forbids", async () => {
    // Guards the checks above: a request Prism rejects is recorded with its violations.
    const { client, exchanges } = prismClient();
    const error = await listExportJobs(client, { limit: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect((error as ExportJobsApiError).status).toBe(400);
    expect(exchanges[0]!.violations).toContain("limit");
  });

  it("refuses the create body without destination", async () => {
    const { client, exchanges } = prismClient();
    const { destination: _dropped, ...withoutDestination } = fullBody;
    const error = await createExportJob(client, withoutDestination as CreateExportJobRequest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect([400, 422]).toContain((error as ExportJobsApiError).status);
    expect(exchanges[0]!.violations).toMatch(/required property 'destination'/);
    expect(String(error)).not.toContain(prismCredentials.accessToken);
  });
});

describe("Prism enforces the description's security on raw requests", () => {
  it("answers 401 to a request without credentials", async () => {
    const response = await fetch(`${prismUrl()}/export/jobs?limit=1`);
    await response.body?.cancel();
    expect(response.status).toBe(401);
    expect(response.headers.get("sl-violations")).toMatch(/security/i);
  });

  it.each(["authorization", "x-api-key", "x-gw-ims-org-id", "x-sandbox-name"])("answers 401 when only %s is missing", async (missing) => {
    const headers: Record<string, string> = { ...credentialHeaders };
    delete headers[missing];
    const response = await fetch(`${prismUrl()}/export/jobs/${JOB_ID}`, { headers });
    await response.body?.cancel();
    expect(response.status).toBe(401);
  });

  it("answers 2xx to the same raw request with every credential", async () => {
    const response = await fetch(`${prismUrl()}/export/jobs/${JOB_ID}`, { headers: credentialHeaders });
    await response.body?.cancel();
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
  });

  it("answers 400 or 422 to a raw create body without destination", async () => {
    const { destination: _dropped, ...withoutDestination } = fullBody;
    const response = await fetch(`${prismUrl()}/export/jobs`, {
      method: "POST",
      headers: { ...credentialHeaders, "content-type": "application/json" },
      body: JSON.stringify(withoutDestination),
    });
    await response.body?.cancel();
    expect([400, 422]).toContain(response.status);
    expect(response.headers.get("sl-violations")).toMatch(/destination/);
  });
});
