// JSON Pointer segments (RFC 6901): `~` and `/` inside a key are written `~0` and `~1`.

export function escapeSegment(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}
