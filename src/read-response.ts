/**
 * A response whose body the transport has already read, whole and within its bounds. It is a real
 * `Response` (status, headers, `body`, `clone()`), but `text()`, `json()`, `arrayBuffer()` and
 * `blob()` answer from the text in hand: building a stream only for openapi-fetch to read it
 * straight back would cost as much again as the call itself.
 */
export class ReadResponse extends Response {
  readonly #text: string;

  constructor(text: string, init: ResponseInit) {
    super(null, init);
    this.#text = text;
  }

  override text(): Promise<string> {
    return Promise.resolve(this.#text);
  }

  override json(): Promise<any> {
    try {
      return Promise.resolve(JSON.parse(this.#text));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(new TextEncoder().encode(this.#text).buffer as ArrayBuffer);
  }

  override blob(): Promise<Blob> {
    return Promise.resolve(new Blob([this.#text], { type: this.headers.get("content-type") ?? "" }));
  }

  override clone(): ReadResponse {
    return new ReadResponse(this.#text, this);
  }

  /** The body as a stream, made only for a caller that asks for one (`parseAs: "stream"`). */
  static {
    Object.defineProperty(ReadResponse.prototype, "body", {
      get(this: ReadResponse) {
        return this.#text === "" ? null : new Response(this.#text).body;
      },
    });
  }
}
