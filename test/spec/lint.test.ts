// The lint configuration switches rules off only where they do not fit, and Spectral must still
// report problems in the files the root document references, under those files' own names. Run on
// a copy of the sources with one mistake put in.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const SPECTRAL = join("node_modules", "@stoplight", "spectral-cli", "dist", "index.js");

interface Finding {
  code: string;
  source: string;
  path: string[];
}

let copy: string | undefined;
afterEach(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
  copy = undefined;
});

/** Spectral's findings for a copy of the sources, after `change` (if any) edits one file of it. */
async function spectralFindings(edit?: { file: string; change: (text: string) => string }): Promise<Finding[]> {
  // Spectral reports real paths (macOS puts the temporary folder behind a symlink).
  copy = realpathSync(mkdtempSync(join(tmpdir(), "aep-lint-")));
  cpSync("openapi", join(copy, "openapi"), { recursive: true });
  cpSync(".spectral.yaml", join(copy, ".spectral.yaml"));
  // The ruleset's packages resolve from the node_modules next to it.
  symlinkSync(resolve("node_modules"), join(copy, "node_modules"), "junction");
  if (edit) {
    const changed = join(copy, edit.file);
    const before = readFileSync(changed, "utf8");
    const after = edit.change(before);
    expect(after, "the change must alter the file").not.toBe(before);
    writeFileSync(changed, after);
  }
  const ruleset = join(copy, ".spectral.yaml");
  const run = promisify(execFile)(process.execPath, [SPECTRAL, "lint", join(copy, "openapi", "openapi.yaml"), "-r", ruleset, "-f", "json", "--quiet"], {
    maxBuffer: 16 * 1024 * 1024,
  });
  // Spectral exits 1 when it finds a problem; its report is on stdout either way.
  const { stdout } = await run.catch((error: { stdout: string }) => error);
  return (JSON.parse(stdout) as Finding[]).map(({ code, source, path }) => ({ code, source: relative(copy!, source).replaceAll("\\", "/"), path }));
}

describe("Spectral on the sources", { timeout: 60_000 }, () => {
  it("finds nothing in the description as it is", async () => {
    expect(await spectralFindings()).toEqual([]);
  });

  it("reports a mistake in a path file under that file's name", async () => {
    const findings = await spectralFindings({
      file: "openapi/paths/export_jobs.yaml",
      change: (text) => text.replace("- Export jobs", "- Export jobz"),
    });
    expect(findings).toContainEqual({ code: "operation-tag-defined", source: "openapi/paths/export_jobs.yaml", path: ["get", "tags", "0"] });
  });

  it("still applies the OWASP limits to a string that is not one of the API's own values", async () => {
    // A path file is exempt from the rate-limit and CORS rules only; an unbounded inline string is reported.
    const findings = await spectralFindings({
      file: "openapi/paths/export_jobs.yaml",
      change: (text) =>
        text.replace(
          "    - $ref: ../components/parameters/Limit.yaml\n",
          "    - name: note\n      in: query\n      description: A note.\n      schema:\n        type: string\n    - $ref: ../components/parameters/Limit.yaml\n",
        ),
    });
    expect(findings.map((finding) => [finding.code, finding.source])).toContainEqual(["owasp:api4:2023-string-limit", "openapi/paths/export_jobs.yaml"]);
  });
});
