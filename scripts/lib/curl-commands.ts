// The HTTP requests that the `curl` commands of a shell block send: method, URL and the body of
// `-d '…'`, each with its document line. Pages put one command in a block, but a block with
// several is read command by command, so that each body goes with its own method and URL.
import { DocExampleError } from "./markdown-blocks.js";

export interface CurlCommand {
  /** Document line of the `curl` word. */
  line: number;
  /** `-X`/`--request` when given; otherwise what curl sends: POST with a body, GET without. */
  method: string;
  url: string | null;
  body: CurlBody | null;
}

export interface CurlBody {
  /** The text between the quotes of `-d '…'`, exactly. */
  raw: string;
  /** Document line on which `raw` starts. */
  line: number;
}

const COMMAND_START = /(^|\n)[ \t]*(?:\$[ \t]*)?curl\b/g;
const DATA_OPTION = /(?:^|\s)(?:-d|--data|--data-raw|--data-binary)\s+(\S)/;
const METHOD_OPTION = /(?:^|\s)(?:-X|--request)\s*['"]?([A-Za-z]+)/;
const URL = /(?:^|\s)['"]?(https?:\/\/[^\s'"\\]+)/;

/** `blockLine` is the line of the opening fence: the block's first content line is the next one. */
export function curlCommands(shell: string, file: string, blockLine: number): CurlCommand[] {
  const starts: number[] = [];
  for (const match of shell.matchAll(COMMAND_START)) starts.push(match.index + match[1]!.length);
  return starts.map((start, i) => {
    const text = shell.slice(start, starts[i + 1] ?? shell.length);
    const lineOf = (offset: number) => blockLine + 1 + shell.slice(0, start + offset).split("\n").length - 1;
    const body = bodyOf(text, file, lineOf);
    // Options are read outside the body, so that nothing in the JSON is taken for one.
    const options = body ? text.slice(0, body.start) + text.slice(body.end) : text;
    const explicit = METHOD_OPTION.exec(options)?.[1]?.toUpperCase();
    return {
      line: lineOf(0),
      method: explicit ?? (body ? "POST" : "GET"),
      url: URL.exec(options)?.[1] ?? null,
      body: body && { raw: body.raw, line: body.line },
    };
  });
}

function bodyOf(command: string, file: string, lineOf: (offset: number) => number) {
  const match = DATA_OPTION.exec(command);
  if (!match) return null;
  const quoteAt = match.index + match[0].length - 1;
  // Only single quotes keep the JSON byte for byte; anything else would need shell unquoting.
  if (match[1] !== "'") throw new DocExampleError(file, lineOf(quoteAt), `curl ${match[0].trim()}… is not a single-quoted body`);
  const end = command.indexOf("'", quoteAt + 1);
  if (end < 0) throw new DocExampleError(file, lineOf(quoteAt), "curl -d body has no closing quote");
  return { raw: command.slice(quoteAt + 1, end), line: lineOf(quoteAt), start: match.index, end: end + 1 };
}
