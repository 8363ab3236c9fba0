// The two text engines speak different query languages over the same pre-analysed terms (folded
// and stemmed by analysis.ts, so only letters and digits: nothing to quote). These pure helpers
// write a document and an all-terms query for each; the catalog's index (decision 0008) builds
// the same shapes for its richer boolean queries.

/** A tsvector weight: A ranks highest. */
export type Weight = 'A' | 'B' | 'C' | 'D';

/** PostgreSQL's highest position; later terms share it (they still match and count). */
const maxPosition = 16_383;

/**
 * A document as a PostgreSQL tsvector literal: each column's terms with their positions (columns
 * 10 apart, so a phrase never runs from one into the next) and the column's weight.
 */
export function tsvectorLiteral(columns: { terms: readonly string[]; weight: Weight }[]): string {
  const parts: string[] = [];
  let pos = 1;
  for (const column of columns) {
    for (const term of column.terms) {
      if (term.length === 0 || term.length > 200) continue;
      parts.push(`'${term}':${Math.min(pos, maxPosition)}${column.weight}`);
      pos++;
    }
    pos += 10;
  }
  return parts.join(' ');
}

/** An FTS5 MATCH expression asking for every term (the last one also as a prefix when `prefix`). */
export function ftsAllTerms(terms: readonly string[], prefix = false): string {
  return terms.map((t, i) => `"${t}"${prefix && i === terms.length - 1 ? ' *' : ''}`).join(' AND ');
}

/** A PostgreSQL tsquery asking for every term (the last one also as a prefix when `prefix`). */
export function tsAllTerms(terms: readonly string[], prefix = false): string {
  return terms.map((t, i) => `'${t}'${prefix && i === terms.length - 1 ? ':*' : ''}`).join(' & ');
}
