// The docs server over real HTTP: only files whose real path is inside its folder are served, so
// neither a `..` in the path nor a link inside the folder reaches anything outside it; text is sent
// compressed to browsers that accept it, and a reload of an unchanged file is a 304.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer, type StaticServer } from "../../src/mock/static-server.js";

const OUTSIDE_SECRET = "outside-the-docs-folder-7f3a";
const INDEX = "<html><body>docs index</body></html>";
const GUIDE = "<html><body>guide</body></html>";
// Large enough to be worth compressing, and compressible, like the rendered docs.
const PAGE = `<html><body>${"<p>An export job persists audience members into a dataset.</p>\n".repeat(200)}</body></html>`;

let scratch: string;
let server: StaticServer;
let throughLink: StaticServer;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "static-server-"));
  const root = join(scratch, "docs");
  const outside = join(scratch, "outside");
  await mkdir(join(root, "pages"), { recursive: true });
  await mkdir(outside);
  await writeFile(join(root, "index.html"), INDEX);
  await writeFile(join(root, "pages", "guide.html"), GUIDE);
  await writeFile(join(root, "page.html"), PAGE);
  await writeFile(join(root, "picture.png"), PAGE);
  await writeFile(join(outside, "secret.txt"), OUTSIDE_SECRET);
  await writeFile(join(outside, "index.html"), OUTSIDE_SECRET);
  await symlink(join(outside, "secret.txt"), join(root, "leak.txt"));
  await symlink(outside, join(root, "leaky-folder"));
  await symlink(join("pages", "guide.html"), join(root, "alias.html"));
  await symlink(join(root, "pages"), join(root, "alias-folder"));
  await symlink(root, join(scratch, "docs-link"));
  server = await startStaticServer({ root, port: 0 });
  throughLink = await startStaticServer({ root: join(scratch, "docs-link"), port: 0 });
});

afterAll(async () => {
  await Promise.all([server?.close(), throughLink?.close()]);
  await rm(scratch, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  raw: Buffer;
}

/** Sends `rawPath` exactly as written: fetch() would tidy `..` away before it left this process. */
function get(target: StaticServer, rawPath: string, method = "GET", headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const sent = request(
      { host: "127.0.0.1", port: target.port, path: rawPath, method, headers, signal: AbortSignal.timeout(15_000) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const raw = Buffer.concat(chunks);
          resolve({ status: response.statusCode!, headers: response.headers, body: raw.toString("utf8"), raw });
        });
        response.on("error", reject);
      },
    );
    sent.on("error", reject);
    sent.end();
  });
}

describe("static server", () => {
  it("serves the folder's files, with their content type and length", async () => {
    for (const path of ["/", "/index.html"]) {
      const reply = await get(server, path);
      expect(reply.status, path).toBe(200);
      expect(reply.body).toBe(INDEX);
      expect(reply.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(reply.headers["content-length"]).toBe(String(INDEX.length));
    }
    const head = await get(server, "/pages/guide.html", "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(String(GUIDE.length));
    expect(head.body).toBe("");
  });

  it("serves a link that stays inside the folder, to a file or through a folder", async () => {
    for (const path of ["/alias.html", "/alias-folder/guide.html"]) {
      const reply = await get(server, path);
      expect(reply.status, path).toBe(200);
      expect(reply.body).toBe(GUIDE);
      expect(reply.headers["content-type"]).toBe("text/html; charset=utf-8");
    }
  });

  it("serves a folder reached through a link", async () => {
    expect((await get(throughLink, "/")).body).toBe(INDEX);
    expect((await get(throughLink, "/alias.html")).body).toBe(GUIDE);
    expect((await get(throughLink, "/leak.txt")).status).toBe(404);
  });

  const escapes = [
    "/leak.txt",
    "/leaky-folder/secret.txt",
    "/leaky-folder/",
    "/../outside/secret.txt",
    "/pages/../../outside/secret.txt",
    "/%2e%2e/outside/secret.txt",
    "/%2E%2E/outside/secret.txt",
    "/%2e%2e%2foutside%2fsecret.txt",
    "/..%2foutside%2fsecret.txt",
    "/pages%2f..%2f..%2foutside%2fsecret.txt",
  ];

  it.each(escapes)("answers %s as a missing file, whatever lies outside", async (path) => {
    const missing = await get(server, "/no-such-file.txt");
    for (const method of ["GET", "HEAD"]) {
      const reply = await get(server, path, method);
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(reply.body).not.toContain(OUTSIDE_SECRET);
      expect(reply.headers["content-type"]).toBe(missing.headers["content-type"]);
      if (method === "GET") expect(reply.body).toBe(missing.body);
    }
  });

  describe("compression and caching", () => {
    const decoders: Record<string, (body: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync };

    it.each([
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
      ["br;q=0, gzip;q=0.5", "gzip"],
      ["*", "br"],
    ])("with Accept-Encoding %s, sends the page as %s", async (accepted, expected) => {
      const reply = await get(server, "/page.html", "GET", { "accept-encoding": accepted });
      expect(reply.status).toBe(200);
      expect(reply.headers["content-encoding"]).toBe(expected);
      expect(reply.headers.vary).toBe("accept-encoding");
      expect(Number(reply.headers["content-length"])).toBe(reply.raw.length);
      expect(reply.raw.length).toBeLessThan(PAGE.length / 4);
      expect(decoders[expected]!(reply.raw).toString("utf8")).toBe(PAGE);
    });

    it("sends the page as it is to a client that accepts no encoding, or refuses them all", async () => {
      for (const headers of [{} as Record<string, string>, { "accept-encoding": "identity" }, { "accept-encoding": "br;q=0, gzip;q=0" }]) {
        const reply = await get(server, "/page.html", "GET", headers);
        expect(reply.headers["content-encoding"], JSON.stringify(headers)).toBeUndefined();
        expect(reply.body).toBe(PAGE);
      }
    });

    it("leaves files that are compressed already, and tiny ones, as they are", async () => {
      for (const path of ["/picture.png", "/pages/guide.html"]) {
        const reply = await get(server, path, "GET", { "accept-encoding": "br, gzip" });
        expect(reply.headers["content-encoding"], path).toBeUndefined();
      }
    });

    it("answers a reload of an unchanged file with 304, and a changed one with the new file", async () => {
      const first = await get(server, "/page.html", "GET", { "accept-encoding": "br" });
      expect(first.headers["cache-control"]).toBe("no-cache");
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[^"]+"$/);

      const again = await get(server, "/page.html", "GET", { "accept-encoding": "br", "if-none-match": etag });
      expect(again.status).toBe(304);
      expect(again.body).toBe("");
      expect(again.headers.etag).toBe(etag);

      // Each encoding is its own representation, with its own tag.
      const plain = await get(server, "/page.html", "GET", { "if-none-match": etag });
      expect(plain.status).toBe(200);
      expect(plain.headers.etag).not.toBe(etag);

      const changed = `${PAGE}<!-- rebuilt -->`;
      await writeFile(join(scratch, "docs", "page.html"), changed);
      try {
        const rebuilt = await get(server, "/page.html", "GET", { "accept-encoding": "br", "if-none-match": etag });
        expect(rebuilt.status).toBe(200);
        expect(rebuilt.headers.etag).not.toBe(etag);
        expect(brotliDecompressSync(rebuilt.raw).toString("utf8")).toBe(changed);
      } finally {
        await writeFile(join(scratch, "docs", "page.html"), PAGE);
      }
    });
  });
});
