// Serves a built folder (the HTML docs) on this machine, next to the mock API.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, resolve, sep } from "node:path";
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

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startStaticServer(options: { root: string; port?: number; host?: string }): Promise<StaticServer> {
  const root = resolve(options.root);
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
    const file = join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    // Nothing outside the folder, whatever the path says.
    const info = file.startsWith(root + sep) ? await stat(file).catch(() => undefined) : undefined;
    if (!info?.isFile()) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": info.size,
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  const listening = await listen(server, options.port, options.host);
  return { url: `${listening.origin}/`, port: listening.port, close: listening.close };
}
