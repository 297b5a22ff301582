// Writes generated/ (types, validators and API facts) from the bundled description.
import { mkdir, writeFile } from "node:fs/promises";
import { generatedFiles, readBundledDescription } from "./lib/generated-files.js";

const files = await generatedFiles(await readBundledDescription());
await mkdir("generated", { recursive: true });
for (const [name, contents] of Object.entries(files)) {
  await writeFile(`generated/${name}`, contents);
  console.log(`generated/${name}`);
}
