// What a library keeps to itself (item barcodes, its local 9XX fields) stays out of every public
// answer: the entry's MARC downloads, the search and library exports, the JSON API and SRU. Staff
// (a logged-in librarian, coordinator or admin) still get the whole record.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import type { TestClient } from '../../test-support/http.js';
import { summarizeRecord } from './codec.js';
import { catalogIndexFor } from './index.js';
import { importRecords } from './import/pipeline.js';
import { book, dataField, items, kohaItem, stream } from '../../test-support/marc-records.js';
import { readMarc, type MarcRecord } from './marc/index.js';
import { publicRecord } from './public-view.js';
import { startImport } from './service.js';

/** Every secret the records hold: barcodes in 852 $p, 949 $i, 952 $p, 996 $f, and a local note. */
const secrets = ['BC852P', 'BC949I', 'BC952P', 'BC996F', 'LOCAL-NOTE-991'];

const record = book({
  id: 'pv-1',
  title: 'Skrivnostni izvodi',
  author: 'Tajnik, Tone',
  year: 2011,
  isbn: '9789610000202',
  extra: [
    dataField('852', [['b', 'central'], ['h', '821.163.6'], ['p', 'BC852P']]),
    dataField('949', [['a', '821 TAJ'], ['i', 'BC949I'], ['l', 'central']]),
    kohaItem('BC952P'),
    dataField('996', [['d', '82-3'], ['f', 'BC996F'], ['l', 'central']]),
    dataField('991', [['a', 'LOCAL-NOTE-991']]),
  ],
});

const hasSecret = (body: string) => secrets.filter((s) => body.includes(s));

async function decode(payload: Buffer): Promise<MarcRecord[]> {
  const out: MarcRecord[] = [];
  for await (const item of readMarc(Readable.from([payload]))) if (item.ok) out.push(item.record);
  return out;
}

describe('publicRecord', () => {
  it('drops 9XX local fields and the barcode subfields of 852, keeping the rest', () => {
    const view = publicRecord(record);
    expect(view.fields.map((f) => f.tag)).toEqual(['001', '008', '020', '100', '245', '264', '852']);
    expect(view.fields.find((f) => f.tag === '852')).toMatchObject({ subfields: [{ code: 'b', value: 'central' }, { code: 'h', value: '821.163.6' }] });
    expect(hasSecret(JSON.stringify(view))).toEqual([]);
    // The stored record is not changed.
    expect(hasSecret(JSON.stringify(record))).toEqual(secrets);
  });
});

describe.each(testDialects)('public and staff views of a record on %s', (dialect) => {
  let t: TestApp;
  let entryId: number;
  let anonymous: TestClient;
  let librarian: TestClient;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const index = catalogIndexFor({ db: t.db, dialect });
    const jobId = await startImport(t.db, { libraryId: 'kranj', file: 'k.mrc', fileName: 'k.mrc', fullExport: false }, null);
    await importRecords(t.db, stream(items([record])), { jobId, summarize: summarizeRecord, index });
    const result = await index.search({ query: { kind: 'term', field: 'isbn', text: '9789610000202' } });
    entryId = result.hits[0]!.entryId;
    anonymous = await t.client();
    librarian = await t.client('librarian');
  });
  afterAll(async () => t?.close());

  const both = async (url: string) => {
    const pub = await anonymous.get(url);
    const staff = await librarian.get(url);
    expect(pub.statusCode, url).toBe(200);
    expect(staff.statusCode, url).toBe(200);
    return { pub, staff };
  };

  it("the entry's MARCXML and MARC 21 downloads", async () => {
    const xml = await both(`/catalog/records/${entryId}/marcxml`);
    expect(xml.pub.body).toContain('Skrivnostni izvodi');
    expect(hasSecret(xml.pub.body)).toEqual([]);
    expect(hasSecret(xml.staff.body)).toEqual(secrets);
    const iso = await both(`/catalog/records/${entryId}/marc21`);
    const [pub] = await decode(iso.pub.rawPayload);
    expect(pub!.fields.some((f) => f.tag === '245')).toBe(true);
    expect(hasSecret(JSON.stringify(pub))).toEqual([]);
    expect(hasSecret(JSON.stringify(await decode(iso.staff.rawPayload)))).toEqual(secrets);
  });

  it('the search export and the library export', async () => {
    for (const url of ['/catalog/export?q=skrivnostni&format=marcxml', '/api/catalog/export?library=kranj&format=marcxml']) {
      const { pub, staff } = await both(url);
      expect(pub.body, url).toContain('Skrivnostni izvodi');
      expect(hasSecret(pub.body), url).toEqual([]);
      expect(hasSecret(staff.body), url).toEqual(secrets);
    }
    for (const url of ['/catalog/export?q=skrivnostni&format=marc21', '/api/catalog/export?library=kranj&format=marc21']) {
      const { pub, staff } = await both(url);
      const records = await decode(pub.rawPayload);
      expect(records, url).toHaveLength(1);
      expect(hasSecret(JSON.stringify(records)), url).toEqual([]);
      expect(hasSecret(JSON.stringify(await decode(staff.rawPayload))), url).toEqual(secrets);
    }
  });

  it('the JSON API', async () => {
    const { pub, staff } = await both(`/api/catalog/records/${entryId}`);
    expect(pub.json().summary.title).toBe('Skrivnostni izvodi');
    expect(hasSecret(pub.body)).toEqual([]);
    expect(pub.json().holdings.length).toBeGreaterThan(0);
    expect(hasSecret(staff.body)).toEqual(secrets);
  });

  it('SRU in MARCXML and the OPAC schema', async () => {
    for (const schema of ['marcxml', 'opacxml']) {
      const { pub, staff } = await both(`/sru?version=1.2&operation=searchRetrieve&query=dc.title%3Dskrivnostni&recordSchema=${schema}`);
      expect(pub.body, schema).toContain(':numberOfRecords>1</');
      expect(hasSecret(pub.body), schema).toEqual([]);
      expect(hasSecret(staff.body), schema).toEqual(secrets);
    }
  });
});
