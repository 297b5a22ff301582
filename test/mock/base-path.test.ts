// The stand-in answers at the description's paths and at the platform's, under its base path, so
// a request copied from Adobe's documentation works after changing only its host.
import { describe, expect, it } from "vitest";
import { createExportJobsClient, iterateExportJobs, retrieveExportJob } from "../../src/index.js";
import { PLATFORM_BASE_PATH } from "../../src/mock/base-path.js";
import { bundled } from "../support/openapi.js";
import { API_KEY, call, expectDescribed, manualClock, ORG, TOKEN, useMockServer } from "./helpers.js";

const start = useMockServer({ now: manualClock().now });

const body = { destination: { datasetId: "5b7c86968f7b6501e21ba9df" }, schema: { name: "_xdm.context.profile" } };

describe("the platform's base path", () => {
  it("is the path of the description's production server", () => {
    expect(new URL(bundled.servers[0].url).pathname).toBe(PLATFORM_BASE_PATH);
  });

  it("answers every operation the same way with and without it", async () => {
    const server = await start();
    const listed = await call(server, "GET", "/export/jobs?limit=2");
    expectDescribed("listExportJobs", listed);
    expect(listed.body.records.map((job: { id: number }) => job.id)).toEqual([11038, 11037]);
    expect(await call(server, "GET", `${PLATFORM_BASE_PATH}/export/jobs?limit=2`)).toMatchObject({ status: 200, body: listed.body });

    for (const prefix of ["", PLATFORM_BASE_PATH]) {
      const created = await call(server, "POST", `${prefix}/export/jobs`, { json: body });
      expect(created.status, prefix).toBe(200);
      expectDescribed("createExportJob", created);
      // Like link.next, relative to the base URL, whichever path the request took.
      expect(created.headers.get("x-location")).toBe(`/export/jobs/${created.body.id}`);

      const retrieved = await call(server, "GET", `${prefix}/export/jobs/${created.body.id}`);
      expect(retrieved.body).toEqual(created.body);

      const cancelled = await call(server, "DELETE", `${prefix}/export/jobs/${created.body.id}`);
      expect(cancelled.body).toEqual({ status: true, message: "Export job has been marked for cancelling" });
    }
    expect(server.requests.slice(-6).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "POST /export/jobs 200",
      "GET /export/jobs/11039 200",
      "DELETE /export/jobs/11039 200",
      `POST ${PLATFORM_BASE_PATH}/export/jobs 200`,
      `GET ${PLATFORM_BASE_PATH}/export/jobs/11040 200`,
      `DELETE ${PLATFORM_BASE_PATH}/export/jobs/11040 200`,
    ]);
  });

  it("works as a client's base URL, as the platform's does, link.next included", async () => {
    const server = await start();
    const client = createExportJobsClient({
      baseUrl: `${server.url}${PLATFORM_BASE_PATH}`,
      accessToken: TOKEN,
      apiKey: API_KEY,
      orgId: ORG,
      validateResponses: true,
      retry: false,
    });
    expect((await retrieveExportJob(client, 722)).status).toBe("FAILED");
    const ids: number[] = [];
    for await (const job of iterateExportJobs(client, { limit: 1 })) ids.push(job.id);
    expect(ids).toEqual(expect.arrayContaining([11038, 11037, 100, 722]));
    const followed = server.requests.filter((r) => r.path === `${PLATFORM_BASE_PATH}/export/jobs` && r.query.includes("offset="));
    expect(followed.length).toBeGreaterThanOrEqual(3);
  });
});
