import { validateOperationPayload, validatePayload, type PayloadKind, type ValidationIssue } from "../index.js";
import { COMMON_OPTIONS, parseCommand, UsageError } from "./args.js";
import type { Command, CommandContext } from "./command.js";
import { EXIT_OK, EXIT_USAGE, EXIT_VALIDATION_FAILED } from "./exit-codes.js";
import { isHar, scanHar, type HarCheck } from "./har.js";
import { commandHelp, PROGRAM } from "./help.js";
import { inferKind, PAYLOAD_KINDS } from "./infer-kind.js";
import { readText } from "./read-input.js";
import { printable } from "./printable.js";

// It sends nothing, so it takes none of the options about reaching the API.
const OPTIONS = {
  ...COMMON_OPTIONS,
  as: {
    type: "string",
    value: "KIND",
    help: `what the JSON files hold: ${PAYLOAD_KINDS.join(", ")}.
Without it the kind is inferred from the shape (records: list; id and status: job;
error_code, or title and status: error; boolean status and message: cancel;
destination and schema without id: create-request) and the inference is reported.
HAR captures are always checked entry by entry.`,
  },
} as const;

const usage = `${PROGRAM} validate FILE... [--as ${PAYLOAD_KINDS.join("|")}]`;

export const validateCommand: Command = {
  name: "validate",
  summary: "check JSON payloads or HAR captures against the API description",
  usage,
  help: commandHelp({
    usage,
    description: `Checks payloads against the API description; needs no credentials and sends nothing.
FILE is a JSON payload (an array is checked item by item), - for stdin, or a HAR capture (.har,
or any JSON with log.entries): in a HAR, every entry whose URL path ends in /export/jobs or
/export/jobs/<id> is checked against its operation and response status, and the request body of
a create too. Every mismatch is printed on stdout as
  FILE[#ENTRY] POINTER MESSAGE
where ENTRY is the index in log.entries. Per-file verdicts go to stderr.`,
    options: OPTIONS,
    exitStatus: "Exit status: 0 all valid, 1 a mismatch, 2 a file could not be read or its kind not inferred.",
  }),
  async run(context) {
    const { values, positionals } = parseCommand(context.args, OPTIONS);
    if (positionals.length === 0) throw new UsageError("missing FILE: name at least one JSON or HAR file");
    const kind = values.as === undefined ? undefined : payloadKind(values.as);
    let failed = false;
    let unusable = false;
    for (const file of positionals) {
      const verdict = await validateFile(context, file, kind);
      failed ||= verdict === "mismatch";
      unusable ||= verdict === "unusable";
    }
    return unusable ? EXIT_USAGE : failed ? EXIT_VALIDATION_FAILED : EXIT_OK;
  },
};

function payloadKind(text: string): PayloadKind {
  if ((PAYLOAD_KINDS as readonly string[]).includes(text)) return text as PayloadKind;
  throw new UsageError(`--as must be one of ${PAYLOAD_KINDS.join(", ")}, got "${text}"`);
}

type Verdict = "valid" | "mismatch" | "unusable";

async function validateFile(context: CommandContext, file: string, kind: PayloadKind | undefined): Promise<Verdict> {
  const { stdout, stderr } = context.io;
  const error = (text: string) => stderr.line(`${stderr.paint.red("error:")} ${text}`);
  let text: string;
  try {
    text = await readText(file, context.stdin);
  } catch (e) {
    await error((e as Error).message);
    return "unusable";
  }
  const label = file === "-" ? "stdin" : file;
  const parsed = parse(text);
  if (!parsed.ok) {
    await stdout.line(`${label} / is not valid JSON: ${parsed.reason}`);
    return "mismatch";
  }
  if (file.toLowerCase().endsWith(".har") || isHar(parsed.value)) {
    if (!isHar(parsed.value)) {
      await stdout.line(`${label} /log/entries is required: a HAR capture holds its requests there`);
      return "mismatch";
    }
    return validateHar(context, label, parsed.value);
  }

  const items = Array.isArray(parsed.value) ? parsed.value.map((value, i) => ({ value, prefix: `/${i}` })) : [{ value: parsed.value, prefix: "" }];
  let mismatches = 0;
  const kinds = new Set<string>();
  for (const item of items) {
    const itemKind = kind ?? inferKind(item.value);
    if (!itemKind) {
      await error(`${label}${item.prefix ? ` ${item.prefix}` : ""}: cannot tell what this payload is; pass --as ${PAYLOAD_KINDS.join("|")}`);
      return "unusable";
    }
    kinds.add(itemKind);
    const result = await validatePayload(itemKind, item.value);
    mismatches += result.issues.length;
    await report(stdout.line, label, result.issues, item.prefix);
  }
  const as = `${[...kinds].join(", ") || "(empty array)"}${kind ? "" : " (inferred from its shape; use --as to choose)"}`;
  await stderr.line(mismatches === 0 ? `${label}: valid ${as}` : `${label}: ${mismatches} mismatch${mismatches === 1 ? "" : "es"} as ${as}`);
  return mismatches === 0 ? "valid" : "mismatch";
}

async function validateHar(context: CommandContext, label: string, har: unknown): Promise<Verdict> {
  const { stdout, stderr } = context.io;
  const scan = scanHar(har);
  let mismatches = 0;
  let checked = 0;
  const entries = new Set<number>();
  for (const check of scan.checks) {
    const issues = await checkHarBody(check);
    if (issues === undefined) {
      scan.skipped.push({ entry: check.entry, reason: `${check.context}: no body recorded` });
      continue;
    }
    checked++;
    entries.add(check.entry);
    mismatches += issues.length;
    await report(stdout.line, `${label}#${check.entry}`, issues, "", ` (${check.context})`);
  }
  const skipped = new Set(scan.skipped.filter((s) => !entries.has(s.entry)).map((s) => s.entry)).size;
  await stderr.line(
    `${label}: HAR with ${scan.total} entries; ${checked} bodies of ${entries.size} export jobs entries checked, ${skipped} entries skipped; ${mismatches === 0 ? "all valid" : `${mismatches} mismatch${mismatches === 1 ? "" : "es"}`}`,
  );
  if (entries.size === 0) await stderr.line(`${label}: no export jobs call with a recorded body was found`);
  return mismatches === 0 ? "valid" : "mismatch";
}

/** The issues of one captured body; undefined when the capture has no body to check. */
async function checkHarBody(check: HarCheck): Promise<ValidationIssue[] | undefined> {
  if (check.text === undefined || check.text === "") {
    if (check.status === 204) return [];
    if (check.status === "body") return [{ pointer: "/", message: "the create request has no body" }];
    return undefined;
  }
  const parsed = parse(check.text);
  if (!parsed.ok) return [{ pointer: "/", message: `is not valid JSON: ${parsed.reason}` }];
  return (await validateOperationPayload(check.operationId, check.status, parsed.value)).issues;
}

async function report(line: (text: string) => Promise<void>, label: string, issues: ValidationIssue[], prefix: string, suffix = ""): Promise<void> {
  for (const issue of issues) {
    const own = issue.pointer === "" ? "/" : issue.pointer;
    const pointer = prefix + (own === "/" && prefix ? "" : own);
    // Pointers and messages quote the captured payload, which came from a server.
    await line(printable(`${label} ${pointer} ${issue.message}${suffix}`));
  }
}

function parse(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
