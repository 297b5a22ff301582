// Adobe's own Postman collection, replayed with newman against the stand-in, the way a user would
// try it: the requests unchanged except for their host. Its "Export jobs" folder is committed as a
// fixture (test/fixtures/postman/README.md says where it comes from and what was trimmed).
import { readFileSync } from "node:fs";
import newman, { type NewmanRunOptions, type NewmanRunSummary, type NewmanVariable } from "newman";
import { describe, expect, it } from "vitest";
import { exampleValue } from "../support/openapi.js";
import { API_KEY, manualClock, ORG, TOKEN, useMockServer } from "./helpers.js";

const COLLECTION = JSON.parse(
  readFileSync(new URL("../fixtures/postman/segmentation-export-jobs.postman_collection.json", import.meta.url), "utf8"),
) as PostmanCollection;
const PLATFORM_ORIGIN = "https://platform.adobe.io";

interface PostmanUrl {
  raw: string;
  protocol?: string;
  host?: string[];
  port?: string;
}
interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: { method: string; url: PostmanUrl; header?: { key: string; value: string }[]; body?: { mode: string; raw?: string } };
}
interface PostmanCollection {
  item: PostmanItem[];
}

/** A copy of the collection whose requests go to `origin`: what a user edits in Postman, and nothing else. */
function onOrigin(collection: PostmanCollection, origin: string): PostmanCollection {
  const copy = structuredClone(collection);
  const { protocol, hostname, port } = new URL(origin);
  const visit = (items: PostmanItem[]) => {
    for (const item of items) {
      if (item.item) visit(item.item);
      if (!item.request) continue;
      const { url } = item.request;
      if (!url.raw.startsWith(`${PLATFORM_ORIGIN}/`)) throw new Error(`${item.name} does not call ${PLATFORM_ORIGIN}: ${url.raw}`);
      url.raw = origin + url.raw.slice(PLATFORM_ORIGIN.length);
      url.protocol = protocol.replace(/:$/, "");
      url.host = hostname.split(".");
      url.port = port;
    }
  };
  visit(copy.item);
  return copy;
}

function requestsOf(collection: PostmanCollection): PostmanItem[] {
  return collection.item.flatMap((item) => (item.item ? requestsOf({ item: item.item }) : [item]));
}

function run(options: NewmanRunOptions): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(options, (error, summary) => (error ? reject(error) : resolve(summary)));
  });
}

/** The values the collection leaves to the user's Postman environment, as `{{name}}` placeholders. */
function environmentFor(exportJobId: number): { values: NewmanVariable[] } {
  const values: Record<string, string> = {
    ACCESS_TOKEN: TOKEN,
    API_KEY,
    IMS_ORG: ORG,
    SANDBOX_NAME: "prod",
    "x-profile-instance-id": "ups",
    body: JSON.stringify(exampleValue("create-request-full")),
    EXPORT_JOB_ID: String(exportJobId),
    limit: "10",
    // Left empty, as a user would: Adobe's pre-request script then drops the query parameter.
    offset: "",
    status: "",
  };
  return { values: Object.entries(values).map(([key, value]) => ({ key, value, type: key === "ACCESS_TOKEN" || key === "API_KEY" ? "secret" : "default" })) };
}

const start = useMockServer();

describe("Adobe's Postman collection (Segmentation Service API, Export jobs) replayed with newman", () => {
  it("holds the four export-jobs requests, with the placeholders supplied here", () => {
    const requests = requestsOf(COLLECTION);
    expect(requests.map((item) => `${item.request!.method} ${item.request!.url.raw}`)).toEqual([
      "GET https://platform.adobe.io/data/core/ups/export/jobs?limit={{limit}}&offset={{offset}}&status={{status}}",
      "POST https://platform.adobe.io/data/core/ups/export/jobs",
      "GET https://platform.adobe.io/data/core/ups/export/jobs/:EXPORT_JOB_ID",
      "DELETE https://platform.adobe.io/data/core/ups/export/jobs/:EXPORT_JOB_ID",
    ]);
    // What a request sends: its URL, headers and body (the scripts mention `{{` too, as text).
    const sent = JSON.stringify(requests.map(({ request }) => request));
    const placeholders = new Set([...sent.matchAll(/\{\{([^}]+)\}\}/g)].map((match) => match[1]!));
    expect([...placeholders].sort()).toEqual(environmentFor(1).values.map((variable) => variable.key).sort());
  });

  it.each([200, 204] as const)(
    "answers every request with the status the description promises (cancel answering %i)",
    async (cancelStatus) => {
      // A clock that stands still, so that 11038 is still running when the collection cancels it.
      const server = await start({ cancelStatus, now: manualClock().now, credentials: { accessToken: TOKEN, apiKey: API_KEY, orgId: ORG } });
      const collection = onOrigin(COLLECTION, server.url);
      for (const item of requestsOf(collection)) expect(item.request!.url.raw.startsWith(`${server.url}/data/core/ups/export/jobs`)).toBe(true);

      // 11038 is the seeded job that is still running, so the cancel has something to cancel.
      const summary = await run({
        collection,
        environment: environmentFor(11038),
        reporters: [],
        timeout: 15_000,
        timeoutRequest: 5_000,
        timeoutScript: 5_000,
      });

      expect(summary.run.error).toBeFalsy();
      expect(summary.run.failures.map((failure) => `${failure.source?.name}: ${failure.error.name} ${failure.error.message}`)).toEqual([]);
      expect(summary.run.stats.requests).toMatchObject({ total: 4, failed: 0 });
      expect(summary.run.stats.prerequestScripts).toMatchObject({ total: 4, failed: 0 });
      expect(summary.run.stats.assertions.failed).toBe(0);
      const answered = summary.run.executions.map((execution) => [execution.item.name, execution.requestError?.message ?? execution.response?.code]);
      expect(answered).toEqual([
        ["Retrieve a list of all export jobs", 200],
        ["Create a new export job", 200],
        ["Retrieve an export job", 200],
        ["Cancel or delete an export job", cancelStatus],
      ]);
      const [list, created, retrieved] = summary.run.executions.map((execution) => JSON.parse(execution.response!.text() || "null"));
      expect(list.records.map((job: { id: number }) => job.id)).toEqual([11038, 11037, 100, 722]);
      expect(created).toMatchObject({ id: 11039, status: "NEW", imsOrgId: ORG });
      expect(retrieved).toMatchObject({ id: 11038, status: "PROCESSING" });

      // What reached the stand-in: the platform's paths, and the query Adobe's pre-request script left.
      expect(server.requests.map((r) => `${r.method} ${r.path}${r.query} ${r.status}`)).toEqual([
        "GET /data/core/ups/export/jobs?limit=10 200",
        "POST /data/core/ups/export/jobs 200",
        "GET /data/core/ups/export/jobs/11038 200",
        `DELETE /data/core/ups/export/jobs/11038 ${cancelStatus}`,
      ]);
      expect(server.responseViolations).toEqual([]);
    },
    30_000,
  );
});
