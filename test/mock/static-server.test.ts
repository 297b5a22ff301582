// The docs server over real HTTP: only files whose real path is inside its folder are served, so
// neither a `..` in the path nor a link inside the folder reaches anything outside it.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer, type StaticServer } from "../../src/mock/static-server.js";

const OUTSIDE_SECRET = "outside-the-docs-folder-7f3a";
const INDEX = "<html><body>docs index</body></html>";
const GUIDE = "<html><body>guide</body></html>";

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
}

/** Sends `rawPath` exactly as written: fetch() would tidy `..` away before it left this process. */
function get(target: StaticServer, rawPath: string, method = "GET"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const sent = request(
      { host: "127.0.0.1", port: target.port, path: rawPath, method, signal: AbortSignal.timeout(5_000) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
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
});
