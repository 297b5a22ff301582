import { spawn } from "node:child_process";
import { repoRoot } from "./paths.js";

export interface Timed {
  ms: number;
  output: string;
}

/**
 * Runs a command to completion and returns its wall time. Output is kept, not shown, and quoted
 * when the command fails, so a broken step says why.
 */
export function timedRun(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const ms = performance.now() - started;
      const output = Buffer.concat(chunks).toString("utf8");
      if (code === 0) resolve({ ms, output });
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}:\n${output.slice(-4000)}`));
    });
  });
}

/** Runs an npm script with the npm that started the bench, or the one on PATH; `args` go to the script. */
export function timedNpmScript(script: string, args: readonly string[] = []): Promise<Timed> {
  const npmCli = process.env.npm_execpath;
  const npmArgs = ["run", "--silent", script, ...(args.length > 0 ? ["--", ...args] : [])];
  return npmCli && npmCli.endsWith(".js") ? timedRun(process.execPath, [npmCli, ...npmArgs]) : timedRun("npm", npmArgs);
}
