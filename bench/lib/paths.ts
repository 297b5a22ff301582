import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, whatever directory the bench is started from. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export function fromRoot(...segments: string[]): string {
  return resolve(repoRoot, ...segments);
}

/** Scratch space for generated peers and type-check projects; ignored by git, rebuilt every run. */
export const tmpRoot = fromRoot("bench/.tmp");
