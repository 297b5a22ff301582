/**
 * A response whose body the transport has already read, whole and within its bounds. It is a real
 * `Response` (status, headers, `body`, `clone()`), but `text()`, `json()`, `arrayBuffer()` and
 * `blob()` answer from the text in hand: building a stream only for openapi-fetch to read it
 * straight back would cost as much again as the call itself.
 */
export class ReadResponse extends Response {
  readonly #text: string;
  #parsed: Promise<any> | undefined;

  /** `bytes`: the body's length as read, after decompression; the headers then describe it as held. */
  constructor(text: string, init: ResponseInit, bytes?: number) {
    super(null, init);
    this.#text = text;
    if (bytes !== undefined) {
      // With a length, openapi-fetch parses with json() (which answers from the one parse here)
      // rather than parsing text itself; the body is no longer encoded.
      this.headers.set("content-length", String(bytes));
      this.headers.delete("content-encoding");
    }
  }

  override text(): Promise<string> {
    return Promise.resolve(this.#text);
  }

  /**
   * Parsed once, and the same value given to every reader: the client's response validation and
   * the helper that hands the body on share one parse.
   */
  override json(): Promise<any> {
    this.#parsed ??= new Promise((resolve) => resolve(JSON.parse(this.#text)));
    return this.#parsed;
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
