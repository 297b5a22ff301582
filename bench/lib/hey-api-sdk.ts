import { rmSync } from "node:fs";
import { join } from "node:path";
import { bundledDescription, readDescription } from "./examples.js";
import { timedRun } from "./exec.js";
import { packageFile } from "./package-bin.js";
import { tmpRoot } from "./paths.js";

/** Where the generated SDK lives: `index.ts` (SDK functions and types) and `client/` (its runtime). */
export const heyApiDir = join(tmpRoot, "hey-api");
export const heyApiSdkEntry = join(heyApiDir, "index.ts");
export const heyApiClientEntry = join(heyApiDir, "client", "index.ts");

let generated: Promise<number> | undefined;

/**
 * Generates the SDK a user would get from the same description with @hey-api/openapi-ts's
 * defaults (types, SDK functions, the fetch client), once per run; resolves with the wall time.
 */
export function generateHeyApiSdk(): Promise<number> {
  generated ??= (async () => {
    readDescription(); // fails with a clear message when the description was not bundled
    rmSync(heyApiDir, { recursive: true, force: true });
    const cli = packageFile("@hey-api/openapi-ts", "bin/run.js");
    const { ms } = await timedRun(process.execPath, [
      cli,
      "--input",
      bundledDescription,
      "--output",
      heyApiDir,
      "--client",
      "@hey-api/client-fetch",
      "--silent",
      "--no-log-file",
    ]);
    return ms;
  })();
  return generated;
}
