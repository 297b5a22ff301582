// Where in a JSON text the value at a JSON pointer is, so that a problem found in a payload can be
// shown on the document line a reader would edit. A small scanner of valid JSON, not a parser:
// the text has already been through JSON.parse.

import { escapeSegment } from "./json-pointer.js";

/** 0-based line within `text` of the member (or array element) `pointer` names; its nearest present parent's when it is missing. */
export function lineOfPointer(text: string, pointer: string): number {
  const lines = new Map<string, number>();
  let at = 0;
  const lineAt = (offset: number) => text.slice(0, offset).split("\n").length - 1;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const readString = (): string => {
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const readValue = (path: string): void => {
    skipSpace();
    const c = text[at];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      at++;
      for (let index = 0; ; index++) {
        skipSpace();
        if (text[at] === close) break;
        let child: string;
        if (c === "{") {
          const keyAt = at;
          child = `${path}/${escapeSegment(readString())}`;
          lines.set(child, lineAt(keyAt));
          skipSpace();
          at++; // the colon
        } else {
          skipSpace();
          child = `${path}/${index}`;
          lines.set(child, lineAt(at));
        }
        readValue(child);
        skipSpace();
        if (text[at] === ",") at++;
      }
      at++;
    } else if (c === '"') {
      readString();
    } else {
      while (at < text.length && !/[\s,}\]]/.test(text[at]!)) at++;
    }
  };
  lines.set("", lineAt(text.search(/\S/)));
  readValue("");
  for (let p = pointer === "/" ? "" : pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
    const line = lines.get(p);
    if (line !== undefined) return line;
    if (p === "") return 0;
  }
}
