// Runs one of the repository's scripts in a Node.js process of its own, as `npm run` does, so that
// a test sees its exit code and both streams whether it succeeds or fails.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/<script>.ts` with `args`; never rejects on a non-zero exit. */
export function runScript(script: string, args: string[]): Promise<ScriptRun> {
  return promisify(execFile)(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], { encoding: "utf8" }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}
