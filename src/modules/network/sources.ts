// The `source` column of the network files: entries joined with " | ", each either a web page
// (an absolute http(s) URL, optionally followed by a space and a note in parentheses, e.g.
// "https://www.mklj.si/… (also lists Medvode …)") or a plain-text source ("GURS RPE",
// "network.tsv"). The URL and its note are kept apart here, so a page links the URL and shows
// the note as text (decision 0004).

/** One source: a page (url, maybe with a note) or a plain-text reference (text only). */
export type SourceEntry = { url: string; note: string | null } | { text: string };

/** The non-empty entries of a source column, trimmed. */
export function sourceEntries(source: string | null | undefined): string[] {
  return (source ?? '')
    .split(' | ')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Reads one entry: what it is, or why it is not a valid source (an entry that starts like a URL but is not one). */
function readSourceEntry(entry: string): { source: SourceEntry; fault: string | null } {
  const text = { source: { text: entry }, fault: null };
  if (!/^https?:/i.test(entry)) return text;
  const [url = '', ...rest] = entry.split(/\s+/);
  const note = rest.join(' ');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ...text, fault: `"${url}" is not a valid URL` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ...text, fault: `"${url}" is not an http(s) URL` };
  if (note !== '' && !/^\(.+\)$/.test(note)) return { ...text, fault: `the text after the URL "${url}" must be a note in parentheses, e.g. "${url} (a note)"` };
  return { source: { url, note: note === '' ? null : note.slice(1, -1) }, fault: null };
}

/** Why an entry is not a valid source, or null when it is. */
export function sourceEntryFault(entry: string): string | null {
  return readSourceEntry(entry).fault;
}

/** Splits a source column into its entries; a faulty URL shows as text (faults are the loader's business: see sourceEntryFault). */
export function parseSources(source: string | null | undefined): SourceEntry[] {
  return sourceEntries(source).map((entry) => readSourceEntry(entry).source);
}

/** Why a website value is not an absolute http(s) URL, or null when it is one. */
export function websiteFault(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return /\s/.test(value) ? `"${value}" contains a space` : null;
  } catch {
    // fall through
  }
  return `"${value}" is not an http(s) URL`;
}
