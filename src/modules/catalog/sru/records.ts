// The record schemas SRU serves: MARCXML (the entry's first source record) and Dublin Core
// (from the entry's summary).
import type { CatalogEntryView } from '../contract.js';
import { writeMarcXmlRecord } from '../marc/index.js';
import { xmlFragment } from './xml.js';

export interface RecordSchema {
  /** The short name clients use (recordSchema=marcxml). */
  name: string;
  identifier: string;
  title: string;
  /** Other names and identifiers clients send for it. */
  aliases: string[];
  render(entry: CatalogEntryView): string;
}

const marcSlim = 'http://www.loc.gov/MARC21/slim';

/** The MARCXML <record>, with the MARC namespace declared on it so it stands on its own inside SRU. */
export function marcXml(entry: CatalogEntryView): string {
  const source = entry.records[0];
  if (!source) throw new Error(`entry ${entry.entryId} has no source record`);
  const xml = writeMarcXmlRecord(source.record).trim();
  const startTag = /^<([\w.-]+:)?record\b[^>]*>/.exec(xml);
  if (startTag && !startTag[0].includes('xmlns')) {
    const prefix = startTag[1] ? `:${startTag[1].slice(0, -1)}` : '';
    return xml.replace(/^(<(?:[\w.-]+:)?record)\b/, `$1 xmlns${prefix}="${marcSlim}"`);
  }
  return xml;
}

/** Simple Dublin Core as SRU's dc schema (info:srw/schema/1/dc-v1.1) defines it. */
export function dublinCore(entry: CatalogEntryView): string {
  const s = entry.summary;
  return xmlFragment((w) => {
    w.start('srw_dc:dc', { 'xmlns:srw_dc': 'info:srw/schema/1/dc-schema', 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' });
    w.leaf('dc:title', s.subtitle ? `${s.title} : ${s.subtitle}` : s.title);
    for (const author of s.authors) w.leaf('dc:creator', author);
    for (const subject of s.subjects) w.leaf('dc:subject', subject);
    w.leaf('dc:publisher', s.publisher ?? undefined);
    w.leaf('dc:date', s.year ?? undefined);
    w.leaf('dc:type', s.materialType);
    w.leaf('dc:format', s.extent ?? undefined);
    for (const isbn of s.isbns) w.leaf('dc:identifier', `urn:isbn:${isbn}`);
    for (const issn of s.issns) w.leaf('dc:identifier', `urn:issn:${issn}`);
    if (s.controlNumber) w.leaf('dc:identifier', s.controlNumber);
    w.leaf('dc:language', s.language ?? undefined);
    for (const note of s.notes) w.leaf('dc:description', note);
    w.end();
  });
}

/**
 * YAZ's OPAC record (the shape ILL systems read availability from): the MARCXML record and one
 * holding per copy, with the holding library's id as nucCode and whether the copy is on the shelf now.
 */
export function opacXml(entry: CatalogEntryView): string {
  const bibliographic = marcXml(entry);
  return xmlFragment((w) => {
    w.start('opacRecord');
    w.start('bibliographicRecord').raw(bibliographic).end();
    w.start('holdings');
    for (const h of entry.holdings) {
      w.start('holding');
      w.leaf('nucCode', h.libraryId);
      w.leaf('localLocation', h.libraryName);
      w.leaf('shelvingLocation', h.servicePointName ?? undefined);
      w.leaf('callNumber', h.callNumber ?? undefined);
      w.start('circulations').start('circulation');
      w.leaf('availableNow', '', { value: h.status === 'available' ? '1' : '0' });
      w.leaf('restrictions', h.status === 'in-library-use' ? 'in-library use only' : undefined);
      w.leaf('itemId', h.barcode ?? undefined);
      w.leaf('renewable', '', { value: '0' });
      w.leaf('onHold', '', { value: '0' });
      w.end().end();
      w.end();
    }
    w.end();
    w.end();
  });
}

export const recordSchemas: RecordSchema[] = [
  {
    name: 'marcxml',
    identifier: 'info:srw/schema/1/marcxml-v1.1',
    title: 'MARCXML',
    aliases: ['marc21', 'marc', 'info:srw/schema/1/marcxml-1.1', marcSlim],
    render: marcXml,
  },
  {
    name: 'dc',
    identifier: 'info:srw/schema/1/dc-v1.1',
    title: 'Dublin Core',
    aliases: ['info:srw/schema/1/dc-schema', 'http://purl.org/dc/elements/1.1/'],
    render: dublinCore,
  },
  {
    name: 'opacxml',
    identifier: 'info:srw/schema/1/opacxml',
    title: 'OPAC record (MARCXML with holdings and availability)',
    aliases: ['opac'],
    render: opacXml,
  },
];

/** The schema a recordSchema parameter names (short name or identifier, letter case ignored). */
export function findSchema(name: string): RecordSchema | undefined {
  const wanted = name.toLowerCase();
  return recordSchemas.find((s) => s.name === wanted || s.identifier.toLowerCase() === wanted || s.aliases.some((a) => a.toLowerCase() === wanted));
}
