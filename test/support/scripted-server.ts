// A real HTTP server on loopback that answers each request as a test scripts it and records what
// it received, for tests of how the client, the IMS provider and the tool meet a server that
// misbehaves. Every server is closed by `closeScriptedServers()` (call it in afterEach).
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  /** The path and query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Behaviour =
  | { status: number; headers?: Record<string, string>; body?: string | Buffer }
  /** Drops the connection without answering. */
  | "reset"
  /** Sends 200 headers and part of a body, then nothing more. */
  | "stall-body"
  /** Never answers at all. */
  | "no-response";

/**
 * A behaviour, or a function of the request that returns one. A function may return a promise, to
 * keep the request in flight until the test lets it go (or for a delay); if the promise rejects,
 * the connection is dropped.
 */
export type Script = Behaviour | ((received: Received, server: ScriptedServer) => Behaviour | Promise<Behaviour>);

export interface ScriptedServer {
  url: string;
  origin: string;
  received: Received[];
  /** Closes this server before the others, for a test that needs an address where nothing listens any more. */
  close(): Promise<void>;
}

const servers = new Set<Server>();

/** Answers the n-th request with `script[n]`; the last one repeats. */
export async function scriptedServer(...script: Script[]): Promise<ScriptedServer> {
  const state: ScriptedServer = { url: "", origin: "", received: [], close: () => closeServer(server) };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    // The whole request is read first, so that a reset is never mistaken for a half-sent request.
    request.on("end", () => {
      const received: Received = { method: request.method ?? "", path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      state.received.push(received);
      const step = script[Math.min(state.received.length - 1, script.length - 1)]!;
      const answer = (behaviour: Behaviour) => {
        if (behaviour === "reset") {
          request.socket.destroy();
        } else if (behaviour === "stall-body") {
          response.writeHead(200, { "content-type": "application/json" });
          response.write('{"id": 7, "sta');
        } else if (behaviour !== "no-response") {
          response.writeHead(behaviour.status, behaviour.headers);
          response.end(behaviour.body);
        }
      };
      const behaviour = typeof step === "function" ? step(received, state) : step;
      // Answered in the same tick unless the script asked to wait, so that no test meets a delay it did not script.
      if (behaviour instanceof Promise) behaviour.then(answer, () => request.socket.destroy());
      else answer(behaviour);
    });
  });
  servers.add(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  state.origin = `http://127.0.0.1:${port}`;
  state.url = state.origin;
  return state;
}

export async function closeScriptedServers(): Promise<void> {
  await Promise.all([...servers].map(closeServer));
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    servers.delete(server);
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Behaviour => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
