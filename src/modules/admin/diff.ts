// Turns an audit record's before/after JSON into the list of fields that changed, so the log
// reads as "role: librarian → coordinator" rather than two blobs.

/** One changed field; `before` or `after` is undefined when the field was added or removed. */
export interface FieldChange {
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
  const before = parse(beforeJson);
  const after = parse(afterJson);
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
