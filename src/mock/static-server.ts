// Serves a built folder (the HTML docs) on this machine, next to the mock API: compressed when the
// browser accepts it, with an ETag so that a reload costs a 304 instead of the whole page.
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, gzip, constants as zlib } from "node:zlib";
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
// PNG and icons are compressed already; text shrinks to a quarter or less.
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".yaml", ".svg"]);
// Below this, the headers cost more than compression saves.
const MIN_COMPRESSED_SIZE = 1024;
// The docs are rebuilt in place, so a browser must ask again each time; the ETag makes that cheap.
const CACHE_CONTROL = "no-cache";

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
// Brotli's top quality (11) takes seconds on the 2.5 MB page; 9 gets within 4 % of it in a second.
const ENCODERS = {
  br: (body: Buffer) => brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body: Buffer) => gzipped(body, { level: 9 }),
};
type Encoding = keyof typeof ENCODERS;

// The real path has just been checked: a link put in its place since then must make the open fail
// rather than be followed out of the folder (on platforms that have O_NOFOLLOW).
const READ_WITHOUT_FOLLOWING = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Representation {
  etag: string;
  body: Buffer;
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

export async function startStaticServer(options: { root: string; port?: number; host?: string }): Promise<StaticServer> {
  // Real paths are compared, and the folder itself may be reached through a link (/tmp is one on
  // some systems), so its own real path is the boundary.
  const root = await realpath(resolve(options.root));
  // Compressing the page takes far longer than sending it: each version is compressed once.
  const representations = new Map<string, Representation>();
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
    const file = await readInside(root, requested);
    if (!file) {
      // The same answer as for a missing file: a caller learns nothing about what lies outside.
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    const type = extname(requested);
    const etag = `"${createHash("sha256").update(file).digest("base64url").slice(0, 27)}"`;
    let representation = representations.get(requested);
    if (representation?.etag !== etag) {
      representation = { etag, body: file, encoded: {} };
      representations.set(requested, representation);
    }
    const encoding = COMPRESSIBLE.has(type) && file.length >= MIN_COMPRESSED_SIZE ? preferredEncoding(request) : undefined;
    const headers: Record<string, string | number> = {
      "content-type": CONTENT_TYPES[type] ?? "application/octet-stream",
      "cache-control": CACHE_CONTROL,
      etag: encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag,
      ...(COMPRESSIBLE.has(type) ? { vary: "accept-encoding" } : {}),
    };
    if (matches(request.headers["if-none-match"], headers.etag as string)) {
      response.writeHead(304, headers).end();
      return;
    }
    let body = representation.body;
    if (encoding) {
      body = await (representation.encoded[encoding] ??= ENCODERS[encoding](representation.body));
      headers["content-encoding"] = encoding;
    }
    headers["content-length"] = body.length;
    response.writeHead(200, headers);
    response.end(request.method === "HEAD" ? undefined : body);
  });
  const listening = await listen(server, options.port, options.host);
  return { url: `${listening.origin}/`, port: listening.port, close: listening.close };
}

/** Brotli if the browser takes it, else gzip, else nothing; `q=0` refuses an encoding. */
function preferredEncoding(request: IncomingMessage): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (request.headers["accept-encoding"] ?? "").split(",")) {
    const [name, ...parameters] = part.trim().toLowerCase().split(";");
    const q = parameters.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: Encoding) => accepted.get(name) ?? (accepted.get("*") || 0);
  return (["br", "gzip"] as const).find((name) => weight(name) > 0);
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const candidate = tag.trim().replace(/^W\//, "");
    return candidate === "*" || candidate === etag;
  });
}

/**
 * Reads the regular file at `path` when its real path is inside `root`; undefined otherwise. The
 * file served is the one opened here, so what was checked is what is sent.
 */
async function readInside(root: string, path: string): Promise<Buffer | undefined> {
  // A path that leaves the folder by name is not even looked at.
  if (!path.startsWith(root + sep)) return undefined;
  // One that stays may still pass through a link (to a file or a folder) that leads out.
  const real = await realpath(path).catch(() => undefined);
  if (!real?.startsWith(root + sep)) return undefined;
  const handle = await open(real, READ_WITHOUT_FOLLOWING).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const info = await handle.stat().catch(() => undefined);
    if (!info?.isFile()) return undefined;
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
