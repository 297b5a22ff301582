import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedExchange {
  method: string;
  contentType: string | undefined;
  body: string;
}

export interface StubReply {
  status?: number;
  body: unknown;
  /** Held back until this promise settles, to keep an exchange in flight. */
  hold?: Promise<void>;
}

/** A token endpoint on 127.0.0.1 that records every exchange and answers with what the test queues. */
export interface StubIms {
  url: string;
  exchanges: RecordedExchange[];
  /** Decides the answer to the n-th exchange (0-based). */
  reply: (n: number) => StubReply;
  close(): Promise<void>;
}

export function tokenReply(token: string, expiresInSeconds = 86_399): StubReply {
  return { body: { access_token: token, token_type: "bearer", expires_in: expiresInSeconds } };
}

export async function startStubIms(reply: (n: number) => StubReply = (n) => tokenReply(`token-${n + 1}`)): Promise<StubIms> {
  const stub: StubIms = { url: "", exchanges: [], reply, close: async () => {} };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const n = stub.exchanges.length;
    stub.exchanges.push({ method: req.method ?? "", contentType: req.headers["content-type"], body });
    const answer = stub.reply(n);
    await answer.hold;
    res.writeHead(answer.status ?? 200, { "content-type": "application/json" });
    res.end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  stub.url = `http://127.0.0.1:${port}/ims/token/v3`;
  stub.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return stub;
}
