import { scriptedServer, type Behaviour } from "../support/scripted-server.js";

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
  readonly exchanges: RecordedExchange[];
  /** Decides the answer to the n-th exchange (0-based). */
  reply: (n: number) => StubReply;
  close(): Promise<void>;
}

export function tokenReply(token: string, expiresInSeconds = 86_399): StubReply {
  return { body: { access_token: token, token_type: "bearer", expires_in: expiresInSeconds } };
}

/** Built on the scripted server, so `closeScriptedServers()` closes it too. */
export async function startStubIms(reply: (n: number) => StubReply = (n) => tokenReply(`token-${n + 1}`)): Promise<StubIms> {
  const server = await scriptedServer((_received, { received }) => {
    // Read at each exchange, not once: a test may swap `reply` after the stub started.
    const answer = stub.reply(received.length - 1);
    const behaviour: Behaviour = {
      status: answer.status ?? 200,
      headers: { "content-type": "application/json" },
      // A string is sent as it is, so that a test can answer with something that is not JSON.
      body: typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body),
    };
    return answer.hold ? answer.hold.then(() => behaviour) : behaviour;
  });
  const stub: StubIms = {
    url: `${server.origin}/ims/token/v3`,
    get exchanges() {
      return server.received.map(({ method, headers, body }) => ({ method, contentType: headers["content-type"], body }));
    },
    reply,
    close: server.close,
  };
  return stub;
}
