// The statistics import against files that would hurt the server: a zip bomb, more rows than a
// network can need, and a large allowed import while other requests wait.
import { Transform } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { buildXlsx, pageText, statsUploader, worksheetXml } from '../../test-support/stats-import.js';
import { demoFigures } from './demo/generate.js';
import { statFields } from './fields.js';
import { getLibraryScope, listLibrariesBrief } from './queries.js';

const keys = statFields.map((f) => f.key);
const header = ['library_id', 'library_name', 'year', ...keys].join(';');

/** A real XLSX whose one sheet is `rows` copies of one data row after a header: highly compressible. */
async function xlsxOfRepeatedRows(rows: number, compressionLevel = 9): Promise<{ zip: Buffer; sheetBytes: number }> {
  const cells = ['<c t="inlineStr"><is><t>kranj</t></is></c><c/>', '<c><v>2023</v></c>', ...keys.map(() => '<c><v>1</v></c>')].join('');
  const head = `<row>${['library_id', 'library_name', 'year', ...keys].map((k) => `<c t="inlineStr"><is><t>${k}</t></is></c>`).join('')}</row>`;
  const one = `<row>${cells}</row>`;
  const batch = one.repeat(1000);
  const sheet = worksheetXml(
    (function* () {
      yield head;
      let left = rows;
      for (; left >= 1000; left -= 1000) yield batch;
      yield one.repeat(left);
    })(),
  );
  let sheetBytes = 0;
  const counted = sheet.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sheetBytes += chunk.length;
        done(null, chunk);
      },
    }),
  );
  const zip = await buildXlsx({ sheet: counted, compressionLevel });
  return { zip, sheetBytes };
}

describe('statistics import limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('refuses an XLSX zip bomb from the zip’s directory, naming the unpacked size, before reading the sheet', async () => {
    const { zip, sheetBytes } = await xlsxOfRepeatedRows(250_000);
    // Under the 2 MB of the files that, three at once, killed the server.
    expect(zip.length).toBeLessThan(2 * 1024 * 1024);
    expect(sheetBytes).toBeGreaterThan(150 * 1024 * 1024);
    const u = await statsUploader(t, 'admin');
    const mb = Math.ceil(sheetBytes / 1024 / 1024);
    const sl = await u.upload(zip);
    expect(sl.statusCode).toBe(400);
    expect(pageText(sl.body)).toContain(`Datoteka se razširi na ${mb} MB; sprejme se največ 50 MB`);
    const en = await u.upload(zip, {}, '/staff/stats/import?lang=en');
    expect(pageText(en.body)).toContain(`The file unpacks to ${mb} MB; at most 50 MB is accepted`);
    expect(await t.db.selectFrom('stat_reports').select('id').execute()).toEqual([]);
  });

  it('refuses an XLSX with more rows than the cap while reading it, though it unpacks to little, naming the cap', async () => {
    // 3,000 rows unpack to 2 MB, well under the unpacked limit, but are more than the cap of 2,000.
    const { zip, sheetBytes } = await xlsxOfRepeatedRows(3_000, 6);
    expect(sheetBytes).toBeLessThan(50 * 1024 * 1024);
    const u = await statsUploader(t, 'admin');
    const r = await u.upload(zip, {}, '/staff/stats/import?lang=en');
    expect(r.statusCode).toBe(400);
    expect(pageText(r.body)).toContain('An import takes at most 2,000 rows of data; this table has more.');
    expect(await t.db.selectFrom('stat_reports').select('id').execute()).toEqual([]);
  });

  it('refuses a CSV of 100,000 rows at the row cap with a clear message, storing nothing', async () => {
    const u = await statsUploader(t, 'admin');
    const line = `kranj;;2023;${keys.map(() => '1').join(';')}\n`;
    const csv = `${header}\n${line.repeat(100_000)}`;
    const sl = await u.upload(csv);
    expect(sl.statusCode).toBe(400);
    expect(pageText(sl.body)).toContain('Uvoz sprejme največ 2000 vrstic s podatki; ta tabela jih ima več.');
    const en = await u.upload(`${header}\n${line.repeat(2_001)}`, {}, '/staff/stats/import?lang=en');
    expect(pageText(en.body)).toContain('An import takes at most 2,000 rows of data; this table has more.');
    expect(await t.db.selectFrom('stat_reports').select('id').execute()).toEqual([]);
  });

  it('answers /health while a large but allowed import is being stored', async () => {
    const u = await statsUploader(t, 'admin');
    const libraries = await listLibrariesBrief(t.db);
    const lines = [header];
    for (const library of libraries) {
      const scope = (await getLibraryScope(t.db, library.id))!;
      for (let year = 2008; year <= 2025; year++) {
        const { values } = demoFigures({ id: library.id, municipalities: scope.municipalities, servicePoints: scope.servicePoints }, year);
        lines.push([library.id, '', year, ...keys.map((k) => String(values[k]).replace('.', ','))].join(';'));
      }
    }
    const total = lines.length - 1;
    expect(total).toBeGreaterThan(1000);
    const reports = async () => (await t.db.selectFrom('stat_reports').select(t.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const preview = await u.upload(`${lines.join('\n')}\n`);
    expect(pageText(preview.body)).toContain(`Vrstice za shranjevanje: ${total.toLocaleString('sl')}; zavrnjene vrstice: 0.`);
    const importing = u.confirm(preview);
    // Wait, turn by turn of the event loop, until the import has stored its first report.
    while (Number(await reports()) === 0) await new Promise((resolve) => setImmediate(resolve));
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    const storedWhenHealthAnswered = Number(await reports());
    const result = await importing;
    expect(health.statusCode).toBe(200);
    expect(storedWhenHealthAnswered).toBeLessThan(total);
    expect(pageText(result.body)).toContain(`Sprejete vrstice: ${total.toLocaleString('sl')}; zavrnjene vrstice: 0.`);
  });
});
