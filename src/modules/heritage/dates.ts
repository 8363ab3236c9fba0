/** A date as people write it in local studies, read as a range of years (both ends included). */
export interface YearRange {
  from: number;
  to: number;
}

const approx = /^(?:okoli|ok\.?|približno|pribl\.?|circa|ca\.?|c\.|about|~)\s*/i;

/**
 * Reads a date written as a year ("1905"), a full date ("12. 3. 1905", "1905-03-12"), an approximate
 * year ("ok. 1900", "ca. 1900": five years either side), a range ("1920–1930", "1920-1930", "1920 do 1930"),
 * a decade ("1920s", "1920-ih") or a century ("19. stoletje", "19th century"). Null when it cannot be read.
 */
export function parseYearRange(input: string | null | undefined): YearRange | null {
  if (!input) return null;
  let text = input.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  let approximate = false;
  const a = approx.exec(text);
  if (a) {
    approximate = true;
    text = text.slice(a[0].length);
  }
  text = text.replace(/\?$/, '').trim();
  let m = /^(\d{1,2})\.\s*(?:st\.|stoletje|stol\.)$/i.exec(text) ?? /^(\d{1,2})(?:st|nd|rd|th) century$/i.exec(text);
  if (m) {
    const c = Number(m[1]);
    if (c < 1 || c > 21) return null;
    return { from: (c - 1) * 100 + 1, to: c * 100 };
  }
  m = /^(\d{3})0(?:s|'s|-ih| ih|\.? leta)$/i.exec(text);
  if (m) return { from: Number(m[1]) * 10, to: Number(m[1]) * 10 + 9 };
  m = /^(\d{3,4})\s*(?:[-–—/]|do|to)\s*(\d{3,4})$/i.exec(text);
  if (m) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (!validYear(from) || !validYear(to) || to < from) return null;
    return { from, to };
  }
  m = /^(\d{3,4})$/.exec(text) ?? /^(\d{4})-\d{2}(?:-\d{2})?$/.exec(text) ?? /^(?:\d{1,2}\.\s*){1,2}(\d{4})$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    if (!validYear(year)) return null;
    return approximate ? { from: year - 5, to: year + 5 } : { from: year, to: year };
  }
  return null;
}

function validYear(y: number): boolean {
  return y >= 1 && y <= 2100;
}

/** A range written back for display and for dc:date ("1920–1930", "1905"). */
export function formatYearRange(range: { from: number | null; to: number | null }): string {
  if (range.from === null || range.to === null) return '';
  return range.from === range.to ? String(range.from) : `${range.from}–${range.to}`;
}

/** The periods a search can be narrowed to: centuries, as facets. */
export function centuryOf(year: number): number {
  return Math.floor((year - 1) / 100) + 1;
}
