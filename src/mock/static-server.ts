// Serves a built folder (the HTML docs) on this machine, next to the mock API.
import { constants } from "node:fs";
import { open, realpath, type FileHandle } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { listen } from "./listen.js";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".yaml": "application/yaml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

// The real path has just been checked: a link put in its place since then must make the open fail
// rather than be followed out of the folder (on platforms that have O_NOFOLLOW).
const READ_WITHOUT_FOLLOWING = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startStaticServer(options: { root: string; port?: number; host?: string }): Promise<StaticServer> {
  // Real paths are compared, and the folder itself may be reached through a link (/tmp is one on
  // some systems), so its own real path is the boundary.
  const root = await realpath(resolve(options.root));
  const server: Server = createServer(async (request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? "/", "http://docs.invalid").pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const requested = join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    const file = await openInside(root, requested);
    if (!file) {
      // The same answer as for a missing file: a caller learns nothing about what lies outside.
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(requested)] ?? "application/octet-stream",
      "content-length": file.size,
    });
    if (request.method === "HEAD") {
      response.end();
      await file.handle.close();
    } else {
      // pipeline also stops reading, and closes the file, when the caller goes away mid-answer.
      await pipeline(file.handle.createReadStream(), response).catch(() => undefined);
    }
  });
  const listening = await listen(server, options.port, options.host);
  return { url: `${listening.origin}/`, port: listening.port, close: listening.close };
}

/**
 * Opens the regular file at `path` when its real path is inside `root`; undefined otherwise. The
 * file served is the one opened here, so what was checked is what is sent.
 */
async function openInside(root: string, path: string): Promise<{ handle: FileHandle; size: number } | undefined> {
  // A path that leaves the folder by name is not even looked at.
  if (!path.startsWith(root + sep)) return undefined;
  // One that stays may still pass through a link (to a file or a folder) that leads out.
  const real = await realpath(path).catch(() => undefined);
  if (!real?.startsWith(root + sep)) return undefined;
  const handle = await open(real, READ_WITHOUT_FOLLOWING).catch(() => undefined);
  if (!handle) return undefined;
  const info = await handle.stat().catch(() => undefined);
  if (!info?.isFile()) {
    await handle.close();
    return undefined;
  }
  return { handle, size: info.size };
}
