// Handlers typed by openapi-msw cannot answer with a body the description does not allow.
import { HttpResponse } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { describe, expectTypeOf, it } from "vitest";
import type { paths } from "../../generated/openapi.js";

const http = createOpenApiHttp<paths>({ baseUrl: "https://platform.adobe.io/data/core/ups" });

describe("typed MSW handlers", () => {
  it("accept a body that matches the description", () => {
    http.get("/export/jobs/{EXPORT_JOB_ID}", ({ params, response }) => {
      expectTypeOf(params.EXPORT_JOB_ID).toEqualTypeOf<string>();
      return response(200).json({ id: Number(params.EXPORT_JOB_ID), status: "SUCCEEDED" });
    });
    http.get("/export/jobs", ({ response }) => response(200).json({ records: [] }));
    http.delete("/export/jobs/{EXPORT_JOB_ID}", ({ response }) => response(204).empty());
  });

  it("reject a job whose id is a string and whose status is misspelt", () => {
    http.get("/export/jobs/{EXPORT_JOB_ID}", ({ response }) =>
      // @ts-expect-error id is a number and SUCCESSEDED is not an ExportJobStatus
      response(200).json({ id: "x", status: "SUCCESSEDED" }),
    );
  });

  it("reject a misspelt status even when the id is right", () => {
    http.get("/export/jobs/{EXPORT_JOB_ID}", ({ response }) =>
      // @ts-expect-error SUCCESSEDED is not an ExportJobStatus
      response(200).json({ id: 1, status: "SUCCESSEDED" }),
    );
  });

  it("reject a list without records", () => {
    http.get("/export/jobs", ({ response }) =>
      // @ts-expect-error records is required
      response(200).json({ page: { pageSize: 0 }, link: { next: "" } }),
    );
  });

  it("reject a body on 204 and a status the operation does not declare", () => {
    // @ts-expect-error a 204 has no body
    http.delete("/export/jobs/{EXPORT_JOB_ID}", ({ response }) => response(204).json({ status: true }));
    // @ts-expect-error cancel declares no 201
    http.delete("/export/jobs/{EXPORT_JOB_ID}", ({ response }) => response(201).empty());
  });

  it("reject an untyped HttpResponse whose body breaks the description", () => {
    http.get("/export/jobs/{EXPORT_JOB_ID}", () =>
      // @ts-expect-error status must be an ExportJobStatus
      HttpResponse.json({ id: 1, status: "SUCCESSEDED" }),
    );
  });

  it("reject paths the description does not have", () => {
    // @ts-expect-error there is no /export/job path
    http.get("/export/job", () => HttpResponse.json({}));
  });
});
