// A tiny in-memory SRU backend: the SearchIndex contract's search and scan over a handful of
// entries, for the protocol unit tests (modules/catalog/sru/routes.test.ts), which also check the requests SRU makes of
// the index. The real index and storage are tested in modules/catalog/sru/real-backend.test.ts and test/conformance/sru-*.
// Word matching folds case and diacritics; no stemming, no ranking.
import type { CatalogEntryView } from '../../modules/catalog/contract.js';
import type { MarcDataField, MarcRecord } from '../../modules/catalog/marc/index.js';
import type { BibSummary } from '../../modules/catalog/marc/index.js';
import type { ScanTerm, SearchField, SearchNode, SearchRequest, SearchResult } from '../../modules/catalog/search/contract.js';
import type { SruBackend } from '../../modules/catalog/sru/service.js';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const words = (s: string) => fold(s).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');

function fieldText(s: BibSummary, field: SearchField): string[] {
  switch (field) {
    case 'title':
      return [s.title, s.subtitle ?? ''];
    case 'author':
      return s.authors;
    case 'subject':
      return s.subjects;
    case 'isbn':
      return s.isbns;
    case 'issn':
      return s.issns;
    case 'publisher':
      return [s.publisher ?? ''];
    case 'controlNumber':
      return [s.controlNumber ?? ''];
    default:
      return [s.title, s.subtitle ?? '', ...s.authors, ...s.subjects, s.publisher ?? '', ...s.isbns, ...s.issns];
  }
}

function matches(entry: CatalogEntryView, node: SearchNode): boolean {
  switch (node.kind) {
    case 'all':
      return true;
    case 'year':
      return entry.summary.year !== null && (node.from === null || entry.summary.year >= node.from) && (node.to === null || entry.summary.year <= node.to);
    case 'and':
      return matches(entry, node.left) && matches(entry, node.right);
    case 'or':
      return matches(entry, node.left) || matches(entry, node.right);
    case 'not':
      return matches(entry, node.left) && !matches(entry, node.right);
    case 'term': {
      const wanted = words(node.text);
      return fieldText(entry.summary, node.field).some((text) => {
        const have = words(text);
        const hit = (w: string, i: number) => (node.prefix && i === wanted.length - 1 ? w.startsWith(wanted[i]!) : w === wanted[i]);
        if (node.exact && !node.phrase) return have.length === wanted.length && have.every(hit);
        if (node.phrase || node.exact) return have.some((_, start) => wanted.every((_, i) => have[start + i] !== undefined && hit(have[start + i]!, i)));
        return wanted.every((_, i) => have.some((w) => hit(w, i)));
      });
    }
  }
}

/** A backend over the given entries. */
export function memoryBackend(entries: CatalogEntryView[]): SruBackend & { requests: SearchRequest[] } {
  const requests: SearchRequest[] = [];
  return {
    requests,
    async search(request: SearchRequest): Promise<SearchResult> {
      requests.push(request);
      let found = entries.filter((e) => matches(e, request.query));
      if (request.sort === 'title') found = [...found].sort((a, b) => fold(a.summary.title).localeCompare(fold(b.summary.title)));
      if (request.sort === 'newest') found = [...found].sort((a, b) => (b.summary.year ?? 0) - (a.summary.year ?? 0));
      const offset = request.offset ?? 0;
      const page = found.slice(offset, offset + (request.limit ?? 20));
      return {
        total: found.length,
        hits: page.map((e) => ({
          entryId: e.entryId,
          title: e.summary.title,
          subtitle: e.summary.subtitle,
          authors: e.summary.authors,
          year: e.summary.year,
          language: e.summary.language,
          materialType: e.summary.materialType,
          libraryCount: new Set(e.holdings.map((h) => h.libraryId)).size,
          availableLibraryCount: new Set(e.holdings.filter((h) => h.status === 'available').map((h) => h.libraryId)).size,
        })),
        facets: {},
        didYouMean: null,
      };
    },
    async scan(field: SearchField, from: string, count: number): Promise<ScanTerm[]> {
      const counts = new Map<string, number>();
      for (const e of entries) for (const w of new Set(fieldText(e.summary, field).flatMap(words))) counts.set(w, (counts.get(w) ?? 0) + 1);
      const start = fold(from);
      return [...counts.entries()]
        .filter(([term]) => term >= start)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, count)
        .map(([term, n]) => ({ term, count: n }));
    },
    async entries(ids: number[]): Promise<CatalogEntryView[]> {
      return entries.filter((e) => ids.includes(e.entryId));
    },
  };
}

const datafield = (tag: string, ...subfields: [string, string][]): MarcDataField => ({
  tag,
  ind1: ' ',
  ind2: ' ',
  subfields: subfields.map(([code, value]) => ({ code, value })),
});

/** A small sample catalog: Slovenian books with diacritics, one serial, years 1950–2020. */
export function sampleEntries(): CatalogEntryView[] {
  const books: [string, string | null, string, string, number, string[]][] = [
    ['Slovenska zgodovina', 'od prazgodovine do 2000', 'Štih, Peter', 'Modrijan', 2008, ['Zgodovina', 'Slovenija']],
    ['Čebelica Maja', null, 'Bonsels, Waldemar', 'Mladinska knjiga', 1985, ['Pravljice']],
    ['Knjižnice in knjižničarji', null, 'Novak, Ana', 'Založba ZRC', 2020, ['Knjižničarstvo']],
    ['Zgodovina Kranja', null, 'Žontar, Josip', 'Mestna občina Kranj', 1950, ['Zgodovina', 'Kranj']],
    ['Kekec nad samotnim breznom', null, 'Vandot, Josip', 'Mladinska knjiga', 1997, ['Pravljice']],
  ];
  return books.map(([title, subtitle, author, publisher, year, subjects], i) => {
    const entryId = i + 1;
    const controlNumber = `cobiss-${1000 + entryId}`;
    const record: MarcRecord = {
      leader: '00000nam a2200000 a 4500',
      fields: [
        { tag: '001', value: controlNumber },
        datafield('020', ['a', `97896100000${entryId}`]),
        datafield('100', ['a', author]),
        datafield('245', ['a', title], ...(subtitle ? [['b', subtitle] as [string, string]] : [])),
        datafield('260', ['b', publisher], ['c', String(year)]),
        ...subjects.map((s) => datafield('650', ['a', s])),
      ],
    };
    const summary: BibSummary = {
      flavour: 'marc21',
      controlNumber,
      title,
      subtitle,
      responsibility: null,
      authors: [author],
      subjects,
      isbns: [`97896100000${entryId}`],
      issns: [],
      edition: null,
      publisher,
      place: null,
      year,
      language: 'slv',
      materialType: 'book',
      extent: `${100 + entryId * 10} str.`,
      series: [],
      notes: i === 1 ? ['Opomba <s> & "znaki"'] : [],
    };
    return {
      entryId,
      summary,
      holdings:
        i === 0
          ? [
              { holdingId: 1, libraryId: 'kranj', libraryName: 'Mestna knjižnica Kranj', regionId: 'kranj', servicePointId: null, servicePointName: 'Osrednja knjižnica', lat: null, lon: null, callNumber: '94(497.4) ŠTIH', barcode: '0100001', status: 'available' },
              { holdingId: 2, libraryId: 'jesenice', libraryName: 'Občinska knjižnica Jesenice', regionId: 'kranj', servicePointId: null, servicePointName: null, lat: null, lon: null, callNumber: null, barcode: '0200001', status: 'on-loan' },
            ]
          : [],
      records: [{ recordId: entryId, libraryId: 'kranj', controlNumber, flavour: 'marc21', record, mergeReason: null }],
    };
  });
}
