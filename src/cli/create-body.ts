import { UsageError } from "./args.js";

export interface CreateFlags {
  dataset?: string | undefined;
  schema?: string | undefined;
  segment?: string[] | undefined;
  "segment-status"?: string | undefined;
  fields?: string | undefined;
  "segment-per-batch"?: boolean | undefined;
  "merge-policy"?: string | undefined;
  "from-ingest"?: string | undefined;
  "empty-profiles"?: boolean | undefined;
}

/** The flags that describe the body, which a body read from a file replaces. */
export const BODY_FLAGS = [
  "dataset",
  "schema",
  "segment",
  "segment-status",
  "fields",
  "segment-per-batch",
  "merge-policy",
  "from-ingest",
  "empty-profiles",
] as const satisfies readonly (keyof CreateFlags)[];

interface DraftSegment {
  segmentId: string;
  segmentNs?: string;
  status?: string[];
}

/** A create request as the flags describe it, not yet checked against the description. */
export interface DraftCreateRequest {
  destination: { datasetId: string; segmentPerBatch?: boolean };
  schema: { name: string };
  fields?: string;
  mergePolicy?: { id: string; version?: number | string };
  filter?: { segments?: DraftSegment[]; fromIngestTimestamp?: string; emptyProfiles?: boolean };
}

/**
 * The create request the flags describe. Values are passed on as given (a misspelt status, say),
 * so that validation against the description reports them with the values it allows.
 */
export function bodyFromFlags(flags: CreateFlags): DraftCreateRequest {
  if (!flags.dataset) throw new UsageError("--dataset is required: the id of the dataset to export into (or pass the whole body with --body)");
  if (!flags.schema) throw new UsageError("--schema is required: the XDM schema of that dataset, such as _xdm.context.profile");
  const body: DraftCreateRequest = { destination: { datasetId: flags.dataset }, schema: { name: flags.schema } };
  if (flags["segment-per-batch"]) body.destination.segmentPerBatch = true;
  if (flags.fields !== undefined) body.fields = flags.fields;
  if (flags["merge-policy"] !== undefined) body.mergePolicy = mergePolicy(flags["merge-policy"]);

  const statuses = flags["segment-status"]?.split(",").map((s) => s.trim()).filter(Boolean);
  if (statuses && !flags.segment?.length) throw new UsageError("--segment-status applies to the --segment audiences: name at least one --segment");
  const segments = (flags.segment ?? []).map((text): DraftSegment => {
    const [segmentId, segmentNs] = splitOnce(text);
    if (!segmentId) throw new UsageError(`--segment needs an audience id, such as --segment 52c26d0d-45f2-47a2-ab30-ed06abc981ff:ups`);
    return { segmentId, ...(segmentNs ? { segmentNs } : {}), ...(statuses ? { status: statuses } : {}) };
  });

  const filter: NonNullable<DraftCreateRequest["filter"]> = {};
  if (segments.length > 0) filter.segments = segments;
  if (flags["from-ingest"] !== undefined) filter.fromIngestTimestamp = flags["from-ingest"];
  if (flags["empty-profiles"]) filter.emptyProfiles = true;
  if (Object.keys(filter).length > 0) body.filter = filter;
  return body;
}

/** `ID` or `ID:VERSION`; a version that is not a number is kept, for validation to report. */
function mergePolicy(text: string): NonNullable<DraftCreateRequest["mergePolicy"]> {
  const colon = text.lastIndexOf(":");
  if (colon < 0) return { id: text };
  const version = text.slice(colon + 1);
  return { id: text.slice(0, colon), version: /^-?\d+(\.\d+)?$/.test(version) ? Number(version) : version };
}

function splitOnce(text: string): [string, string | undefined] {
  const colon = text.indexOf(":");
  return colon < 0 ? [text, undefined] : [text.slice(0, colon), text.slice(colon + 1)];
}

const FLAG_OF_FIELD: [RegExp, string][] = [
  [/^\/destination\/datasetId/, "--dataset"],
  [/^\/destination\/segmentPerBatch/, "--segment-per-batch"],
  [/^\/schema\/name/, "--schema"],
  [/^\/filter\/segments\/\d+\/status/, "--segment-status"],
  [/^\/filter\/segments/, "--segment"],
  [/^\/filter\/fromIngestTimestamp/, "--from-ingest"],
  [/^\/filter\/emptyProfiles/, "--empty-profiles"],
  [/^\/mergePolicy/, "--merge-policy"],
  [/^\/fields/, "--fields"],
];

/** The option a field of a body built from flags came from, so that an error points at what to fix. */
export function flagFor(pointer: string): string | undefined {
  return FLAG_OF_FIELD.find(([pattern]) => pattern.test(pointer))?.[1];
}
