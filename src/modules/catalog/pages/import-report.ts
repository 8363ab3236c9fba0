// The import report in the reader's language: why a record was rejected (from the fault's code, never
// the codec's English detail), why a job failed, and the report as CSV and the rejected records as a
// file of their original bytes, for download.
import type { PageContext } from '../../../web/page.js';
import { notMarcReason } from '../import/not-marc.js';
import type { CatalogImportRejectRow, CatalogImportRow } from '../tables.js';

type T = PageContext['t'];

/** Why a record was rejected, in the reader's language. */
export function rejectReason(t: T, code: string): string {
  const key = `catalog.reject.${code}`;
  const text = t(key);
  return text === key ? t('catalog.reject.other') : text;
}

/** Why an import failed, in the reader's language: a file that is not MARC names its first faults by their codes. */
export function failureText(t: T, error: string): string {
  const notMarc = notMarcReason(error);
  if (!notMarc) return t('catalog.import.failedOther');
  const faults = [...notMarc.details.matchAll(/record (\d+) at byte (\d+): ([a-z0-9-]+)/g)].map((m) =>
    t('catalog.import.fault', { number: Number(m[1]), offset: Number(m[2]), reason: rejectReason(t, m[3]!) }),
  );
  return t(notMarc.whole ? 'catalog.import.notMarcWhole' : 'catalog.import.notMarc', { count: notMarc.records, details: faults.join('; ') });
}

/** A CSV cell: quoted when it must be, and a leading =, +, @ or control character defused for spreadsheets. */
function cell(value: string | number | null, separator: string): string {
  let s = value === null ? '' : String(value);
  if (/^[=+@\t\r]/.test(s)) s = `'${s}`;
  return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The import's report as CSV in the reader's language (`;` for Slovenian, `,` for English, as the
 * spreadsheets of each expect): the counts, an empty line, then every stored rejected record.
 */
export function reportCsv(ctx: PageContext, row: CatalogImportRow, rejects: CatalogImportRejectRow[]): string {
  const { t } = ctx;
  const separator = ctx.locale === 'sl' ? ';' : ',';
  const line = (cells: (string | number | null)[]) => cells.map((c) => cell(c, separator)).join(separator);
  const lines = [
    line([t('catalog.import.csv.file'), row.file_name]),
    line([t('catalog.report.added'), row.added]),
    line([t('catalog.report.updated'), row.updated]),
    line([t('catalog.report.unchanged'), row.unchanged]),
    line([t('catalog.report.merged'), row.merged]),
    line([t('catalog.report.rejected'), row.rejected]),
    line([t('catalog.report.removed'), row.removed]),
    line([t('catalog.report.holdings'), row.holdings]),
    '',
    line([t('catalog.import.col.number'), t('catalog.import.col.offset'), t('catalog.staff.col.controlNumber'), t('catalog.import.col.title'), t('catalog.import.col.reason')]),
    ...rejects.map((r) => line([r.record_number, r.byte_offset, r.control_number, r.title, rejectReason(t, r.code)])),
  ];
  // A byte order mark, so that spreadsheets read the file as UTF-8.
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** The rejected records' original bytes as one file: ISO 2709 records one after another, MARCXML ones in a collection. */
export function rejectedRecordsFile(rejects: CatalogImportRejectRow[]): { body: Buffer; xml: boolean } {
  const parts = rejects.filter((r) => r.record_data !== null).map((r) => Buffer.from(r.record_data!, 'base64'));
  const xml = parts.length > 0 && parts.every((p) => p[0] === 0x3c);
  if (!xml) return { body: Buffer.concat(parts.filter((p) => p[0] !== 0x3c)), xml: false };
  const open = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n');
  return { body: Buffer.concat([open, ...parts.flatMap((p) => [p, Buffer.from('\n')]), Buffer.from('</collection>\n')]), xml: true };
}
