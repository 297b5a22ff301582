// Which operation of the description a request reaches: what the stand-in server routes by and what
// the command-line tool's HAR check reads captured URLs with.
import { describe, expect, it } from "vitest";
import { operationAt, pathPattern } from "../../src/operation-paths.js";

describe("operationAt", () => {
  it.each([
    ["GET", "/export/jobs", "listExportJobs", {}],
    ["POST", "/export/jobs/", "createExportJob", {}],
    ["GET", "/export/jobs/11037", "retrieveExportJob", { EXPORT_JOB_ID: "11037" }],
    ["DELETE", "/export/jobs/11037/", "cancelExportJob", { EXPORT_JOB_ID: "11037" }],
    ["delete", "/export/jobs/a%2Fb", "cancelExportJob", { EXPORT_JOB_ID: "a%2Fb" }],
  ])("%s %s is %s", (method, path, operationId, parameters) => {
    expect(operationAt(method, path)).toEqual({ operationId, parameters });
  });

  it.each([
    ["PUT", "/export/jobs"],
    ["GET", "/export/jobs/11037/batches"],
    ["GET", "/export/jobs//"],
    ["GET", "/data/core/ups/export/jobs"],
    ["GET", "export/jobs"],
    ["GET", "/export/jobsx"],
  ])("%s %s is no operation", (method, path) => {
    expect(operationAt(method, path)).toBeUndefined();
  });

  it("finds the operation after any base path, as in a captured URL, only when asked to", () => {
    expect(operationAt("GET", "/data/core/ups/export/jobs/7", { withBasePath: true })).toEqual({
      operationId: "retrieveExportJob",
      parameters: { EXPORT_JOB_ID: "7" },
    });
    expect(operationAt("GET", "/export/jobs", { withBasePath: true })?.operationId).toBe("listExportJobs");
    expect(operationAt("GET", "/data/core/ups/export/jobs/7/more", { withBasePath: true })).toBeUndefined();
    expect(operationAt("GET", "/data/core/ups/export/jobs/7")).toBeUndefined();
  });
});

describe("pathPattern", () => {
  it("captures each parameter as one path segment, names them in order, and takes the rest literally", () => {
    const { pattern, names } = pathPattern("/a.b/{first}/c+d/{second}");
    expect(names).toEqual(["first", "second"]);
    expect(pattern.exec("/a.b/1/c+d/2")?.slice(1)).toEqual(["1", "2"]);
    expect(pattern.test("/a.b/1/c+d/2/")).toBe(true);
    expect(pattern.test("/aXb/1/c+d/2")).toBe(false);
    expect(pattern.test("/a.b/1/ccd/2")).toBe(false);
    expect(pattern.test("/a.b/1/x/c+d/2")).toBe(false);
    expect(pattern.test("/prefix/a.b/1/c+d/2")).toBe(false);
    expect(pathPattern("/a.b/{first}", { withBasePath: true }).pattern.test("/prefix/a.b/1")).toBe(true);
  });
});
