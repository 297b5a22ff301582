import { readFile } from "node:fs/promises";
import { UsageError } from "./args.js";

/** The text of a file, or of stdin for `-`. An unreadable file is a usage error. */
export async function readText(path: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (path === "-") {
    let text = "";
    stdin.setEncoding("utf8");
    for await (const chunk of stdin) text += chunk;
    return text;
  }
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(`cannot read ${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String((error as Error).message)}`);
  }
}

export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
}
