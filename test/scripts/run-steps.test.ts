// The build steps run only when what they read changed: shown on small steps in a temporary
// folder, each a node script that notes that it ran. The key must cover every input, so each kind
// of input is changed in turn and must make the step run again.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { STEPS } from "../../scripts/lib/build-steps.js";
import { plan, runSteps, type RunStepsOptions } from "../../scripts/lib/run-steps.js";
import type { Step } from "../../scripts/lib/build-steps.js";

let root: string;

// Shell commands, which start in milliseconds: each notes in ran.log that it ran.
const steps: Record<string, Step> = {
  make: {
    run: `echo make >> ran.log; if [ -e fail-make ]; then echo "make broke" >&2; exit 3; fi; mkdir -p out && tr a-z A-Z < src/in.txt > out/made.txt`,
    reads: ["src"],
    writes: [{ path: "out/made.txt" }],
  },
  use: { run: "echo use >> ran.log; cp out/made.txt out/used.txt", reads: ["out/made.txt"], writes: [{ path: "out/used.txt" }], needs: ["make"] },
  check: { run: "echo check >> ran.log", reads: ["src/in.txt"], writes: [] },
};

const ran = () => (existsSync(join(root, "ran.log")) ? readFileSync(join(root, "ran.log"), "utf8").split("\n").filter(Boolean) : []);
const run = (names: string[], options: Partial<RunStepsOptions> = {}) => runSteps(names, { root, steps, groups: {}, write: () => undefined, ...options });
const put = (file: string, text: string) => {
  mkdirSync(join(root, file, ".."), { recursive: true });
  writeFileSync(join(root, file), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "aep-steps-"));
  put("src/in.txt", "hello");
  put("src/deep/more.txt", "more");
  put("node_modules/.package-lock.json", '{"packages":{"node_modules/tool":{"version":"1.0.0"}}}');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("a build step", () => {
  it("runs once, and not again while nothing it reads changed", async () => {
    expect((await run(["make"])).ok).toBe(true);
    expect(readFileSync(join(root, "out/made.txt"), "utf8")).toBe("HELLO");
    const again = await run(["make"]);
    expect(again).toMatchObject({ ok: true, outcomes: [{ name: "make", ran: false, ok: true }] });
    expect(ran()).toEqual(["make"]);
  });

  it.each([
    ["a file it reads", () => put("src/in.txt", "hello again")],
    ["a file deep in a folder it reads", () => put("src/deep/more.txt", "changed")],
    ["a file added to a folder it reads", () => put("src/deep/new.txt", "new")],
    ["the installed packages", () => put("node_modules/.package-lock.json", '{"packages":{"node_modules/tool":{"version":"1.0.1"}}}')],
    ["what it wrote, edited", () => put("out/made.txt", "edited")],
    ["what it wrote, deleted", () => rmSync(join(root, "out/made.txt"))],
  ])("runs again after a change to %s", async (_, change) => {
    await run(["make"]);
    change();
    expect((await run(["make"])).outcomes).toMatchObject([{ name: "make", ran: true, ok: true }]);
    expect(ran()).toEqual(["make", "make"]);
    expect(readFileSync(join(root, "out/made.txt"), "utf8")).toBe(readFileSync(join(root, "src/in.txt"), "utf8").toUpperCase());
  });

  it("leaves out of what it wrote a folder another step writes there", async () => {
    const outputs: Record<string, Step> = {
      compile: { run: "echo compile >> ran.log; mkdir -p out && cp src/in.txt out/a.js", reads: ["src"], writes: [{ path: "out", onlyEnding: [".js"], except: ["out/docs"] }] },
    };
    const runOutputs = () => runSteps(["compile"], { root, steps: outputs, groups: {}, write: () => undefined });
    await runOutputs();
    put("out/docs/page.js", "written by another step");
    await runOutputs();
    expect(ran()).toEqual(["compile"]);
    put("out/a.js", "edited");
    await runOutputs();
    expect(ran()).toEqual(["compile", "compile"]);
  });

  it("runs again when its command changes", async () => {
    await run(["check"]);
    await runSteps(["check"], { root, steps: { check: { ...steps.check!, run: `${steps.check!.run}; true` } }, write: () => undefined });
    expect(ran()).toEqual(["check", "check"]);
  });

  it("falls back on package-lock.json for the installed packages", async () => {
    rmSync(join(root, "node_modules"), { recursive: true });
    put("package-lock.json", '{"lockfileVersion":3}');
    await run(["check"]);
    put("package-lock.json", '{"lockfileVersion":3,"packages":{}}');
    await run(["check"]);
    expect(ran()).toEqual(["check", "check"]);
  });

  it("does not record a failure: it fails again, and the steps after it do not start", async () => {
    put("fail-make", "");
    const lines: string[] = [];
    const first = await run(["use"], { write: (text) => lines.push(text) });
    expect(first.ok).toBe(false);
    expect(first.outcomes).toEqual([expect.objectContaining({ name: "make", ran: true, ok: false })]);
    expect(lines.join("")).toContain("make broke");
    expect((await run(["use"])).ok).toBe(false);
    expect(ran()).toEqual(["make", "make"]);
  });

  it("runs the steps a step needs first, and a needed step only when it changed", async () => {
    await run(["use"]);
    expect(ran()).toEqual(["make", "use"]);
    expect(readFileSync(join(root, "out/used.txt"), "utf8")).toBe("HELLO");
    put("src/in.txt", "bye");
    await run(["use"]);
    expect(ran()).toEqual(["make", "use", "make", "use"]);
    expect(readFileSync(join(root, "out/used.txt"), "utf8")).toBe("BYE");
    await run(["use"]);
    expect(ran()).toHaveLength(4);
  });

  it("with force, runs the steps asked for, but not the unchanged ones they need", async () => {
    await run(["use"]);
    await run(["use"], { force: true });
    expect(ran()).toEqual(["make", "use", "use"]);
  });

  it("runs independent steps side by side", async () => {
    // Each waits for the other's mark: they finish only if both run at once.
    const meet = (self: string, other: string) => `touch ${self}.mark; for i in $(seq 100); do [ -e ${other}.mark ] && exit 0; sleep 0.1; done; exit 1`;
    const pair: Record<string, Step> = { a: { run: meet("a", "b"), reads: ["src"], writes: [] }, b: { run: meet("b", "a"), reads: ["src"], writes: [] } };
    expect((await runSteps(["a", "b"], { root, steps: pair, concurrency: 2, write: () => undefined })).ok).toBe(true);
  });

  it("names a path it reads that does not exist", async () => {
    const broken = { check: { ...steps.check!, reads: ["src/gone.txt"] } };
    const lines: string[] = [];
    expect((await runSteps(["check"], { root, steps: broken, write: (text) => lines.push(text) })).ok).toBe(false);
    expect(lines.join("")).toContain("The check step reads src/gone.txt, which does not exist");
  });

  it("names a step that does not exist", () => {
    expect(() => plan(["mkae"], steps, {})).toThrow("Unknown step mkae; the steps are make, use, check");
  });
});

describe("the project's build steps", () => {
  it("read only paths that exist, or that a step they need writes", () => {
    for (const [name, step] of Object.entries(STEPS)) {
      const written = plan([name]).flatMap((other) => (other === name ? [] : STEPS[other]!.writes.map((w) => w.path)));
      for (const path of step.reads) expect(existsSync(path) || written.includes(path), `${name} reads ${path}`).toBe(true);
    }
  });
});
