// Builds what a test needs when it is missing, once: test files run in parallel, and two builds
// writing dist/ at the same time would trip over each other.
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";

const lock = ".tmp/test-build.lock";
const staleAfterMs = 10 * 60_000;

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock(): void {
  mkdirSync(".tmp", { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left by a killed run would otherwise block every later one.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > staleAfterMs) rmSync(lock, { recursive: true, force: true });
      pause(250);
    }
  }
}

/** Runs `command` (an npm script line) unless every one of `files` exists. */
export function buildIfMissing(files: string[], command: string): void {
  if (files.every((file) => existsSync(file))) return;
  takeLock();
  try {
    if (!files.every((file) => existsSync(file))) execSync(command, { stdio: "pipe" });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
