// FOR TESTS ONLY: a few catalog entries as getCatalogEntry would return them, chosen to exercise
// the pages: Slovenian plural forms of availability, merged records, diacritics, markup in data.
import type { CatalogEntryView, EntryHolding } from './contract.js';
import type { BibSummary } from './marc/index.js';

const places = {
  kranj: { libraryName: 'Mestna knjižnica Kranj', regionId: 'kranj', lat: 46.2389, lon: 14.3556 },
  jesenice: { libraryName: 'Občinska knjižnica Jesenice', regionId: 'kranj', lat: 46.4366, lon: 14.0526 },
  ljubljana: { libraryName: 'Mestna knjižnica Ljubljana', regionId: 'ljubljana', lat: 46.0511, lon: 14.5051 },
  koper: { libraryName: 'Osrednja knjižnica Srečka Vilharja Koper', regionId: 'koper', lat: 45.5469, lon: 13.7294 },
  maribor: { libraryName: 'Mariborska knjižnica', regionId: 'maribor', lat: 46.5547, lon: 15.6459 },
  celje: { libraryName: 'Osrednja knjižnica Celje', regionId: 'celje', lat: 46.2301, lon: 15.2637 },
} as const;

let nextHolding = 1;
function holding(libraryId: keyof typeof places, status: EntryHolding['status'], callNumber: string | null = null): EntryHolding {
  const p = places[libraryId];
  return {
    holdingId: nextHolding++,
    libraryId,
    libraryName: p.libraryName,
    regionId: p.regionId,
    servicePointId: null,
    servicePointName: 'Osrednja knjižnica',
    lat: p.lat,
    lon: p.lon,
    callNumber,
    barcode: null,
    status,
  };
}

function summary(fields: Partial<BibSummary> & { title: string }): BibSummary {
  return {
    flavour: 'marc21',
    controlNumber: null,
    subtitle: null,
    responsibility: null,
    authors: [],
    subjects: [],
    isbns: [],
    issns: [],
    edition: null,
    publisher: null,
    place: null,
    year: null,
    language: 'slv',
    materialType: 'book',
    extent: null,
    series: [],
    notes: [],
    ...fields,
  };
}

function entry(entryId: number, s: BibSummary, holdings: EntryHolding[], libraries: string[] = [...new Set(holdings.map((h) => h.libraryId))]): CatalogEntryView {
  return {
    entryId,
    summary: s,
    holdings,
    records: libraries.map((libraryId, i) => ({
      recordId: entryId * 10 + i,
      libraryId,
      controlNumber: `${libraryId}-${entryId}`,
      flavour: s.flavour,
      mergeReason: i === 0 ? null : s.isbns[0] ? { kind: 'isbn' as const, value: s.isbns[0] } : { kind: 'key' as const, value: `${s.title.toLowerCase()}|${s.year ?? ''}` },
      record: {
        leader: '00000nam a2200000 a 4500',
        fields: [
          { tag: '001', value: `${libraryId}-${entryId}` },
          { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: s.title }, ...(s.subtitle ? [{ code: 'b', value: s.subtitle }] : [])] },
          ...s.authors.map((a) => ({ tag: '700', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: a }] })),
        ],
      },
    })),
  };
}

/** The fixture entries: ids 1–7, and 101–125 ("Zbirka N") for paging. */
export function fixtureEntries(): CatalogEntryView[] {
  nextHolding = 1;
  // A field past ISO 2709's 9,999 bytes: MARCXML can carry the record, MARC 21 cannot.
  const long = entry(7, summary({ title: 'Dolga opomba', year: 2020 }), [holding('kranj', 'available')]);
  long.records[0]!.record.fields.push({ tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'opomba '.repeat(1500) }] });
  return [
    long,
    entry(
      1,
      summary({
        title: 'Čebelica Maja',
        subtitle: 'in njene dogodivščine',
        responsibility: 'Waldemar Bonsels ; prevedla Ana Novak',
        authors: ['Bonsels, Waldemar', 'Novak, Ana'],
        subjects: ['Čebele', 'Pravljice'],
        isbns: ['9789610000011'],
        edition: '2. izd.',
        publisher: 'Mladinska knjiga',
        place: 'Ljubljana',
        year: 2005,
        extent: '120 str. : ilustr.',
        series: ['Zbirka Čebelica'],
        notes: ['Prevod dela: Die Biene Maja'],
      }),
      [holding('ljubljana', 'on-loan', 'P BONSELS'), holding('kranj', 'available', 'P BON'), holding('jesenice', 'available', 'P BON Č')],
      ['kranj', 'ljubljana'],
    ),
    entry(2, summary({ title: 'Povodni mož', authors: ['Prešeren, France'], subjects: ['Slovenska poezija'], year: 1990 }), [holding('kranj', 'on-loan')]),
    entry(
      3,
      summary({ title: 'Knjižnice v Sloveniji', year: 2019, materialType: 'serial', issns: ['1234-5678'] }),
      [holding('ljubljana', 'available'), holding('koper', 'available'), holding('maribor', 'available'), holding('celje', 'available'), holding('kranj', 'available')],
    ),
    entry(4, summary({ title: 'Bees of the world', language: 'eng', year: 1998, authors: ['Smith, John'] }), [holding('koper', 'available')]),
    entry(
      5,
      summary({ title: '<script>alert(1)</script> & "quotes"', authors: ["O'Brien <b>bold</b>"], language: null, materialType: 'video' }),
      [],
      ['kranj'],
    ),
    entry(6, summary({ title: 'Ptice Slovenije', year: 2011, language: 'ger' }), [holding('kranj', 'available'), holding('ljubljana', 'available'), holding('celje', 'available')]),
    ...Array.from({ length: 25 }, (_, i) =>
      entry(101 + i, summary({ title: `Zbirka ${String(i + 1).padStart(2, '0')}`, year: 1950 + i }), [holding('maribor', i % 2 === 0 ? 'available' : 'on-loan')]),
    ),
  ];
}
