// Fails when generated/ is not what the current description generates.
import { readFile } from "node:fs/promises";
import { generatedFiles, readBundledDescription } from "./lib/generated-files.js";

/** The files of `dir` that differ from `expected`, by default what the bundled description generates. */
export async function staleGeneratedFiles(dir = "generated", expected?: Record<string, string>): Promise<string[]> {
  expected ??= await generatedFiles(await readBundledDescription());
  const stale: string[] = [];
  for (const [name, contents] of Object.entries(expected)) {
    const actual = await readFile(`${dir}/${name}`, "utf8").catch(() => undefined);
    if (actual !== contents) stale.push(`${dir}/${name}`);
  }
  return stale;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const stale = await staleGeneratedFiles();
  if (stale.length > 0) {
    console.error(`${stale.join(", ")} ${stale.length === 1 ? "is" : "are"} out of date with the description. Run \`npm run generate\` and commit the result.`);
    process.exit(1);
  }
  console.log("generated/ matches the description.");
}
