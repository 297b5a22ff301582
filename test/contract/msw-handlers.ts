// Typed MSW handlers for the four operations, serving the description's examples. openapi-msw
// types each handler from the generated `paths`, so a handler that answers with a body the
// description does not allow fails type-checking (see msw-types.test-d.ts); the examples are
// checked against the description at run time as well, since they arrive untyped.
import type { HttpHandler } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import type { ApiErrorBody, CancellationAcknowledgement, ExportJob, ExportJobList, paths } from "../../generated/openapi.js";
import { check, exampleValue } from "../support/openapi.js";

export const MSW_BASE_URL = "https://platform.adobe.io/data/core/ups";

/** The cursor of the first page of `list-newest`, taken from its `link.next`. */
export const FIRST_PAGE_CURSOR = "1538573416687_722";

const REQUIRED_HEADERS = ["authorization", "x-api-key", "x-gw-ims-org-id", "x-sandbox-name"] as const;

/** A named example of the description, after checking it against the schema it is served as. */
function example<T>(name: string, schema: string): T {
  const value = exampleValue(name);
  const verdict = check(schema, value);
  if (!verdict.valid) throw new Error(`Example ${name} does not match ${schema}: ${JSON.stringify(verdict.errors)}`);
  return value as T;
}

export interface HandlerOptions {
  baseUrl?: string;
  /** The examples retrieve answers with, one per call; the last one repeats. Default `job-succeeded`. */
  retrieveSequence?: string[];
  /** How cancel answers: 200 with `cancel-accepted` (default) or 204 without a body. */
  cancelStatus?: 200 | 204;
}

export interface RecordedCall {
  method: string;
  url: URL;
}

export interface ExportJobHandlers {
  handlers: HttpHandler[];
  calls: RecordedCall[];
}

export function exportJobHandlers(options: HandlerOptions = {}): ExportJobHandlers {
  const http = createOpenApiHttp<paths>({ baseUrl: options.baseUrl ?? MSW_BASE_URL });
  const calls: RecordedCall[] = [];
  const retrieveSequence = options.retrieveSequence ?? ["job-succeeded"];
  let retrieved = 0;

  /** Records the call; true when a credential header is missing. */
  function unauthorized(request: Request): boolean {
    calls.push({ method: request.method, url: new URL(request.url) });
    return REQUIRED_HEADERS.some((name) => !request.headers.get(name));
  }
  const invalidToken = () => example<ApiErrorBody>("error-gateway-invalid-token", "schema_ApiErrorBody");

  const handlers = [
    http.get("/export/jobs", ({ request, query, response }) => {
      if (unauthorized(request)) return response(401).json(invalidToken());
      // The first page links to the second; the second is the description's last-page example.
      const name = query.get("offset") === FIRST_PAGE_CURSOR ? "list-oldest-batches-object" : "list-newest";
      return response(200).json(example<ExportJobList>(name, "listExportJobs_200"));
    }),

    http.post("/export/jobs", async ({ request, response }) => {
      if (unauthorized(request)) return response(401).json(invalidToken());
      const body = await request.json();
      if (!check("createExportJob_body", body).valid) {
        return response(400).json(example<ApiErrorBody>("error-bad-request-body", "schema_ApiErrorBody"));
      }
      const job = example<ExportJob>("create-response-new", "createExportJob_200");
      return response(200).json(job, { headers: { "X-Location": `/export/jobs/${job.id}` } });
    }),

    http.get("/export/jobs/{EXPORT_JOB_ID}", ({ request, params, response }) => {
      if (unauthorized(request)) return response(401).json(invalidToken());
      const name = retrieveSequence[Math.min(retrieved++, retrieveSequence.length - 1)]!;
      const job = example<ExportJob>(name, "retrieveExportJob_200");
      return response(200).json({ ...job, id: Number(params.EXPORT_JOB_ID) });
    }),

    http.delete("/export/jobs/{EXPORT_JOB_ID}", ({ request, response }) => {
      if (unauthorized(request)) return response(401).json(invalidToken());
      if (options.cancelStatus === 204) return response(204).empty();
      return response(200).json(example<CancellationAcknowledgement>("cancel-accepted", "cancelExportJob_200"));
    }),
  ];
  return { handlers, calls };
}
