// The package is versioned with the API description it ships.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { expect, it } from "vitest";

it("has the version of the description's info.version", () => {
  const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
  const description = parse(readFileSync("openapi/openapi.yaml", "utf8")) as { info: { version: string } };
  expect(manifest.version).toBe(description.info.version);
});
