// Turns an audit record's before/after JSON into the list of fields that changed, so the log
// reads as "role: librarian → coordinator" rather than two blobs. Nested objects (a statistics
// report's `values`, its funding per municipality) are opened into dotted paths
// (`values.loans.total`), so one changed figure shows as one line, not the whole report.

/** One changed field; `before` or `after` is undefined when the field was added or removed. */
export interface FieldChange {
  /** The field's path: `role`, or `values.loans.total` inside a nested object. */
  field: string;
  before?: string;
  after?: string;
}

function parse(json: string | null): Record<string, unknown> | undefined {
  if (json === null) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    return { value };
  } catch {
    return { value: json };
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The object with nested plain objects opened into dotted paths; an empty nested object stays
 * a value (nothing to open). The first level's keys may themselves hold dots (stats keys do):
 * paths are only ever read whole.
 */
function flatten(value: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, v] of Object.entries(value)) {
    if (isPlainObject(v) && Object.keys(v).length > 0) flatten(v, `${prefix}${key}.`, out);
    else out[`${prefix}${key}`] = v;
  }
  return out;
}

/** A value as one line of text: strings as they are, null as "—", everything else as JSON. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * The fields that differ between before and after, in the order they first appear. A creation
 * lists every field with only `after`; a deletion every field with only `before`.
 */
export function diffAudit(beforeJson: string | null, afterJson: string | null): FieldChange[] {
  const parsedBefore = parse(beforeJson);
  const parsedAfter = parse(afterJson);
  const before = parsedBefore && flatten(parsedBefore);
  const after = parsedAfter && flatten(parsedAfter);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changes: FieldChange[] = [];
  for (const field of keys) {
    const b = before?.[field];
    const a = after?.[field];
    if (before && after && JSON.stringify(b) === JSON.stringify(a)) continue;
    const change: FieldChange = { field };
    if (before && field in before) change.before = showValue(b);
    if (after && field in after) change.after = showValue(a);
    changes.push(change);
  }
  return changes;
}
