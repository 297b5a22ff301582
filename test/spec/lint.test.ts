// The lint configuration switches rules off only where they do not fit, and Spectral must still
// report problems in the files the root document references, under those files' own names. One
// Spectral run, on a copy of the sources with two mistakes put in (`npm run lint` checks the
// sources as they are).
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const SPECTRAL = join("node_modules", "@stoplight", "spectral-cli", "dist", "index.js");
const PATH_FILE = "openapi/paths/export_jobs.yaml";

interface Finding {
  code: string;
  source: string;
  path: string[];
}

/** Edits one file of the copy; the edit must change it. */
function edit(copy: string, file: string, change: (text: string) => string): void {
  const path = join(copy, file);
  const before = readFileSync(path, "utf8");
  const after = change(before);
  expect(after, `the edit of ${file} must change it`).not.toBe(before);
  writeFileSync(path, after);
}

async function spectral(copy: string): Promise<Finding[]> {
  const run = promisify(execFile)(
    process.execPath,
    [SPECTRAL, "lint", join(copy, "openapi", "openapi.yaml"), "-r", join(copy, ".spectral.yaml"), "-f", "json", "--quiet"],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  // Spectral exits 1 when it finds a problem; its report is on stdout either way.
  const { stdout } = await run.catch((error: { stdout: string }) => error);
  return (JSON.parse(stdout) as Finding[]).map(({ code, source, path }) => ({ code, source: relative(copy, source).replaceAll("\\", "/"), path }));
}

let findings: Finding[];

beforeAll(async () => {
  // Spectral reports real paths (macOS puts the temporary folder behind a symlink).
  const copy = realpathSync(mkdtempSync(join(tmpdir(), "aep-lint-")));
  try {
    cpSync("openapi", join(copy, "openapi"), { recursive: true });
    cpSync(".spectral.yaml", join(copy, ".spectral.yaml"));
    // The ruleset's packages resolve from the node_modules next to it.
    symlinkSync(resolve("node_modules"), join(copy, "node_modules"), "junction");
    edit(copy, PATH_FILE, (text) =>
      text
        // A tag the root document does not define.
        .replace("- Export jobs", "- Export jobz")
        // An inline query parameter with an unbounded string: not one of the API's own values.
        .replace(
          "    - $ref: ../components/parameters/Limit.yaml\n",
          "    - name: note\n      in: query\n      description: A note.\n      schema:\n        type: string\n    - $ref: ../components/parameters/Limit.yaml\n",
        ),
    );
    findings = await spectral(copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}, 60_000);

describe("Spectral on the sources", () => {
  it("reports a mistake in a path file under that file's name", () => {
    expect(findings).toContainEqual({ code: "operation-tag-defined", source: PATH_FILE, path: ["get", "tags", "0"] });
  });

  it("still applies the OWASP limits outside the places they are switched off for", () => {
    // A path file is exempt from the rate-limit and CORS rules only.
    expect(findings).toContainEqual({ code: "owasp:api4:2023-string-limit", source: PATH_FILE, path: ["get", "parameters", "0", "schema"] });
  });

  it("reports nothing but the two mistakes", () => {
    expect(new Set(findings.map((finding) => finding.code))).toEqual(new Set(["operation-tag-defined", "owasp:api4:2023-string-limit", "owasp:api4:2023-string-restricted"]));
  });
});
