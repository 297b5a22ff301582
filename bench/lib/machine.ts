import { readFileSync } from "node:fs";
import { cpus, freemem, loadavg, platform, release, totalmem } from "node:os";
import { fromRoot } from "./paths.js";

// Read from the install, not resolved: some packages do not export their package.json.
function versionOf(name: string): string {
  try {
    return (JSON.parse(readFileSync(fromRoot("node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** What the figures were measured on; the load average says how busy the machine was. */
export function machineInfo() {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? "unknown",
    cores: processors.length,
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${release()}`,
    totalMemoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    loadAverage: loadavg(),
    versions: Object.fromEntries(
      ["openapi-fetch", "@hey-api/openapi-ts", "typescript", "tinybench", "esbuild", "playwright-core", "ajv"].map((name) => [name, versionOf(name)]),
    ),
  };
}

export type MachineInfo = ReturnType<typeof machineInfo>;
