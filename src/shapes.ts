// The least a successful body must be before a helper hands it on as typed data. Full checks
// against the description are opt-in (`validateResponses`); these keep a wrong body from reaching
// the caller as a value of the wrong type, for the price of a few property reads.
/** What is wrong with the body, or undefined when it will do. */
export type ShapeCheck = (value: unknown) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export const exportJobShape: ShapeCheck = (value) => {
  if (!isObject(value)) return "is not an export job (a JSON object)";
  if (!Number.isSafeInteger(value.id)) return "is not an export job: its id is not an integer";
  if (typeof value.status !== "string") return "is not an export job: its status is not a string";
  return undefined;
};

export const exportJobListShape: ShapeCheck = (value) => {
  if (!isObject(value)) return "is not a list of export jobs (a JSON object)";
  if (!Array.isArray(value.records)) return "is not a list of export jobs: its records are not an array";
  for (const [index, record] of value.records.entries()) {
    const problem = exportJobShape(record);
    if (problem) return `has a record ${index} that ${problem}`;
  }
  return undefined;
};

export const cancellationShape: ShapeCheck = (value) => {
  if (!isObject(value)) return "is not a cancellation result (a JSON object)";
  if (value.status !== undefined && typeof value.status !== "boolean") return "is not a cancellation result: its status is not true or false";
  if (value.message !== undefined && typeof value.message !== "string") return "is not a cancellation result: its message is not text";
  return undefined;
};
