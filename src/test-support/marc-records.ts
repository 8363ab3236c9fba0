// Hand-built MARC records and read items for the catalog's tests.
import type { MarcDataField, MarcReadItem, MarcRecord } from '../modules/catalog/marc/index.js';

export interface BookSpec {
  id: string;
  title: string;
  author?: string;
  year?: number;
  isbn?: string;
  edition?: string;
  /** 264 $b; "Založba" unless given. */
  publisher?: string;
  /** 300 $a, when given. */
  extent?: string;
  /** Extra fields (e.g. holdings 852/949/952) added as they are. */
  extra?: MarcDataField[];
}

const df = (tag: string, subfields: [string, string][], ind = '  '): MarcDataField => ({
  tag,
  ind1: ind[0]!,
  ind2: ind[1]!,
  subfields: subfields.map(([code, value]) => ({ code, value })),
});

/** A MARC 21 book record with the given fields. */
export function book(spec: BookSpec): MarcRecord {
  const fields: MarcRecord['fields'] = [{ tag: '001', value: spec.id }];
  fields.push({ tag: '008', value: `250101s${spec.year ?? '    '}    xv            000 0 slv d` });
  if (spec.isbn) fields.push(df('020', [['a', spec.isbn]]));
  if (spec.author) fields.push(df('100', [['a', spec.author]], '1 '));
  fields.push(df('245', [['a', spec.title]], '10'));
  if (spec.edition) fields.push(df('250', [['a', spec.edition]]));
  if (spec.year) fields.push(df('264', [['a', 'Ljubljana :'], ['b', `${spec.publisher ?? 'Založba'},`], ['c', String(spec.year)]], ' 1'));
  if (spec.extent) fields.push(df('300', [['a', spec.extent]]));
  fields.push(...(spec.extra ?? []));
  return { leader: '00000nam a2200000 i 4500', fields };
}

/**
 * A spoken-word sound recording on CD (leader/06 `i`, 007 `sd`), as a library catalogues an audiobook:
 * shaped after a real record of Penguin's 2003 "Pride and prejudice" on 6 compact discs.
 */
export function soundRecording(spec: BookSpec): MarcRecord {
  const record = book({ ...spec, extent: spec.extent ?? '6 sound discs (ca. 5 hr., 45 min.) : digital ; 4 3/4 in.' });
  const fields = record.fields.filter((f) => f.tag !== '008');
  fields.splice(1, 0, { tag: '007', value: 'sd fsngnnmmned' }, { tag: '008', value: `030101s${spec.year ?? '    '}    enk${'nnn  f      n    '}eng d` });
  fields.push(df('500', [['a', 'Compact discs.']]));
  return { leader: '00000nim a2200000 a 4500', fields };
}

/** A Koha item field (952) of a copy. */
export function kohaItem(barcode: string, opts: { branch?: string; call?: string; onLoan?: boolean; lost?: boolean } = {}): MarcDataField {
  const subs: [string, string][] = [['a', opts.branch ?? 'central'], ['o', opts.call ?? '821.163.6'], ['p', barcode]];
  if (opts.onLoan) subs.push(['q', '2026-12-01']);
  if (opts.lost) subs.push(['1', '1']);
  return df('952', subs);
}

export { df as dataField };

/** Records as the reader would give them, numbered from 1 with made-up offsets. */
export function items(records: (MarcRecord | { error: string; controlNumber?: string })[]): MarcReadItem[] {
  return records.map((r, i) =>
    'leader' in r
      ? { ok: true as const, record: r, recordNumber: i + 1, offset: i * 1000, charset: 'utf-8' as const }
      : {
          ok: false as const,
          error: { recordNumber: i + 1, offset: i * 1000, controlNumber: r.controlNumber ?? null, code: 'bad-directory' as const, detail: r.error },
        },
  );
}

/** An async iterable over items (the shape readMarc returns). */
export async function* stream<T>(list: T[]): AsyncIterable<T> {
  for (const item of list) yield item;
}
