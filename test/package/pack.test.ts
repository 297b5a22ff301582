// The published tarball holds the compiled client and CLI, the bundled description and the
// generated code they import, and nothing else: no sources, tests, mock, docs (Redoc's script among
// them) or build output.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, packedFiles } from "./packed-files.js";

const alwaysPublished = ["package.json", "README.md", "LICENSE", "CHANGELOG.md"];
const compiled = /^dist\/(?!mock\/|docs\/)(?:[\w-]+\/)*[\w.-]+(?:\.js|\.d\.ts)$/;
const publishable = (path: string) =>
  alwaysPublished.includes(path) ||
  compiled.test(path) ||
  path === "dist/openapi.json" ||
  path === "dist/openapi.yaml" ||
  path.startsWith("generated/");

const manifest = JSON.parse(readFileSync("package.json", "utf8"));
let files: string[];

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).replaceAll("\\", "/"));
}

describe("npm pack", () => {
  beforeAll(() => {
    ensureBuilt();
    files = packedFiles();
  }, 180_000);

  it("publishes the client, the CLI, the description, the generated code and the notices", () => {
    for (const path of [
      ...alwaysPublished,
      "dist/index.js",
      "dist/index.d.ts",
      "dist/cli/main.js",
      "dist/openapi.json",
      "dist/openapi.yaml",
      "generated/openapi.d.ts",
      "generated/validators.js",
      "generated/validators.d.ts",
      "generated/api-facts.js",
      "generated/api-facts.d.ts",
    ]) {
      expect(files, path).toContain(path);
    }
  });

  it("publishes nothing else", () => {
    expect(files.filter((path) => !publishable(path))).toEqual([]);
    for (const excluded of ["src/", "test/", "scripts/", "openapi/", "bench/", "dist/mock/", "dist/docs/"]) {
      expect(files.filter((path) => path.startsWith(excluded)), excluded).toEqual([]);
    }
    expect(files.filter((path) => /\.(png|tgz|html|map)$|(?<!\.d)\.ts$/.test(path))).toEqual([]);
  });

  it("publishes every compiled module except the mock server", () => {
    const built = filesUnder("dist").filter((path) => compiled.test(path));
    expect(built.length).toBeGreaterThan(0);
    expect(built.filter((path) => !files.includes(path))).toEqual([]);
  });

  it("publishes every file the manifest points at", () => {
    const targets = [
      manifest.main,
      manifest.types,
      ...Object.values<string>(manifest.bin),
      ...Object.values<string | Record<string, string>>(manifest.exports).flatMap((target) =>
        typeof target === "string" ? [target] : Object.values(target),
      ),
    ].map((target: string) => target.replace(/^\.\//, ""));
    expect(targets.filter((target) => !files.includes(target))).toEqual([]);
  });
});
