// The command-line session in README.md, replayed against a fresh stand-in started as `npm start`
// starts it: every command whose output the README shows in full must print exactly that, so the
// session stays true when the stand-in's seeds or answers change.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/mock/server.js";
import { runCli, useCliHarness } from "./harness.js";

useCliHarness();

interface Step {
  command: string;
  output: string[];
}

/** The `console` block under "From the command line", as commands and the lines each printed. */
function readmeSession(): Step[] {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("## From the command line"));
  const block = /```console\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no console block under "From the command line"');
  const steps: Step[] = [];
  let continued = false;
  for (const line of block.trimEnd().split("\n")) {
    if (line.startsWith("$ ")) steps.push({ command: line.slice(2), output: [] });
    else if (continued) steps.at(-1)!.command += ` ${line.trim()}`;
    else steps.at(-1)!.output.push(line);
    continued = steps.at(-1)!.command.endsWith("\\");
    if (continued) steps.at(-1)!.command = steps.at(-1)!.command.slice(0, -1).trimEnd();
  }
  return steps;
}

const steps = readmeSession();
const README_ORIGIN = "http://127.0.0.1:4010";

/** The variables of the session's first command, `export NAME=value …`. */
function exportedVariables(): Record<string, string> {
  const exported = steps[0]!.command;
  expect(exported).toMatch(/^export /);
  return Object.fromEntries(exported.slice("export ".length).split(/\s+/).map((pair) => pair.split("=", 2) as [string, string]));
}

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());

describe("the README's command-line session", () => {
  it("sets up the environment the stand-in from npm start answers, at its default address", () => {
    expect(exportedVariables().AEP_BASE_URL).toBe(README_ORIGIN);
  });

  it("prints what the README shows, line for line, for every command shown in full", async () => {
    // The same address but for the port, which is a free one here.
    const env = { ...exportedVariables(), AEP_BASE_URL: server.url };
    let lastCode: number | null = null;
    let compared = 0;
    let skippedLast = false;
    for (const { command, output } of steps.slice(1)) {
      if (command === "echo $?") {
        if (!skippedLast) expect(output, "the exit status after the previous command").toEqual([String(lastCode)]);
        continue;
      }
      const args = command.replace(/^(npx )?aep-export-jobs /, "").split(/\s+/);
      // Output elided with "…" depends on the clock (creation times, request ids): not compared,
      // and not run, since nothing shown in full depends on it.
      skippedLast = output.some((line) => line.includes("…"));
      if (skippedLast) continue;
      const { code, stdout, stderr } = await runCli(args, { env });
      lastCode = code;
      const printed = [...stdout.split("\n"), ...stderr.split("\n")].filter((line) => line !== "");
      expect(printed, `$ ${command}`).toEqual(output);
      compared++;
    }
    // list, the refused create, cancel
    expect(compared).toBeGreaterThanOrEqual(3);
  });
});
