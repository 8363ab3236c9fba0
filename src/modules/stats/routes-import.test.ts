import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { statsUploader as uploader } from '../../test-support/stats-import.js';
import { demoFigures } from './demo/generate.js';
import { statFields } from './fields.js';
import { getLibraryScope, getReport, getStatValues } from './queries.js';

const keys = statFields.map((f) => f.key);
const header = (sep = ';') => ['library_id', 'library_name', 'year', ...keys].join(sep);

/** A CSV row of consistent figures for a library and year, with decimal commas. */
async function row(t: TestApp, libraryId: string, year: number, change: Record<string, string> = {}, name = 'Mestna knjižnica Kranj'): Promise<string> {
  const scope = (await getLibraryScope(t.db, libraryId)) ?? (await getLibraryScope(t.db, 'kranj'))!;
  const { values } = demoFigures({ id: libraryId, municipalities: scope.municipalities, servicePoints: scope.servicePoints }, year);
  const cells = keys.map((k) => change[k] ?? String(values[k]).replace('.', ','));
  return [libraryId, name, String(year), ...cells].join(';');
}

const messages = {
  sl: JSON.parse(fs.readFileSync(path.join(process.cwd(), 'locales', 'stats.sl.json'), 'utf8')) as Record<string, string>,
  en: JSON.parse(fs.readFileSync(path.join(process.cwd(), 'locales', 'stats.en.json'), 'utf8')) as Record<string, string>,
};
/** The import's columns by their names in a language, as the template's first row has them. */
const importNames = Object.fromEntries(
  (['sl', 'en'] as const).map((lang) => [lang, ['library_id', 'library_name', 'year', ...keys].map((k) => messages[lang][keys.includes(k) ? `stats.field.${k}` : `stats.import.col.${k}`]!)]),
) as Record<'sl' | 'en', string[]>;

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe.each(testDialects)('importing statistics on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { statsMaxUploadMb: 2 });
  });
  beforeEach(async () => {
    await t.db.deleteFrom('stat_reports').execute();
  });
  afterAll(async () => t?.close());

  it('imports a UTF-8 CSV with a BOM, semicolons and decimal commas, as drafts', async () => {
    const u = await uploader(t, 'coordinator');
    const csv = `\uFEFF${header()}\r\n${await row(t, 'kranj', 2023)}\r\n${await row(t, 'trzic', 2023, {}, 'Knjižnica dr. Toneta Pretnarja Tržič')}\r\n`;
    const r = await u.importNow(csv);
    expect(r.statusCode, text(r.body).slice(0, 3000)).toBe(200);
    expect(text(r.body)).toContain('Sprejete vrstice: 2; zavrnjene vrstice: 0.');
    const rows = await getStatValues(t.db, { years: [2023] });
    expect(rows.map((x) => [x.libraryId, x.status])).toEqual([
      ['kranj', 'draft'],
      ['trzic', 'draft'],
    ]);
    expect(Number.isInteger(rows[0]!.values['staff.fte']! * 100)).toBe(true);
    expect(rows[0]!.values['staff.fte']! % 1).not.toBe(0);
  });

  it('detects Windows-1250 by its č/š/ž bytes, and reads comma-delimited files with quoted decimal commas', async () => {
    const u = await uploader(t, 'coordinator');
    const csv = `${header()}\r\n${await row(t, 'kranj', 2022, {}, 'Mestna knjižnica Kranj – Šenčur, Žabnica')}\r\n`;
    const r = await u.importNow(iconv.encode(csv, 'windows-1250'));
    expect(r.statusCode).toBe(200);
    expect(text(r.body)).toContain('Prebrano kot windows-1250');
    const comma = `${header(',')}\n${(await row(t, 'kranj', 2021)).split(';').map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')}\n`;
    const r2 = await u.importNow(comma);
    expect(text(r2.body)).toContain('Sprejete vrstice: 1; zavrnjene vrstice: 0.');
    expect((await getStatValues(t.db, { years: [2021] }))[0]?.values['staff.fte']).toBeGreaterThan(0);
  });

  it('asks for the encoding when it cannot tell, and imports once it is chosen', async () => {
    const u = await uploader(t, 'coordinator');
    const csv = Buffer.concat([Buffer.from(`${header()}\r\n`), Buffer.from((await row(t, 'kranj', 2020, {}, 'X')).replace(';X;', ';\u00c0\u00c1\u00c2;'), 'latin1')]);
    const asked = await u.upload(csv);
    expect(asked.statusCode).toBe(400);
    expect(text(asked.body)).toContain('Kodiranja znakov datoteke ni mogoče prepoznati');
    expect(asked.body).toMatch(/<select id="f-encoding" name="encoding" aria-describedby="f-encoding-error"/);
    expect(await getReport(t.db, 'kranj', 2020)).toBeUndefined();
    const chosen = await u.importNow(csv, { encoding: 'windows-1250' });
    expect(chosen.statusCode).toBe(200);
    expect(await getReport(t.db, 'kranj', 2020)).toBeDefined();
  });

  it('names unknown and missing columns of a wrong header and stores nothing', async () => {
    const u = await uploader(t, 'coordinator');
    const wrong = header().replace('members.total', 'members.totl').replace(';visits.virtual', '');
    const r = await u.upload(`${wrong}\n${await row(t, 'kranj', 2023)}\n`);
    expect(r.statusCode).toBe(400);
    expect(text(r.body)).toContain('Neznani stolpci: members.totl. Manjkajoči stolpci: members.total, visits.virtual.');
    expect(await getStatValues(t.db)).toEqual([]);
  });

  it('says so for an empty file and for a header without rows', async () => {
    const u = await uploader(t, 'coordinator');
    expect(text((await u.upload('')).body)).toContain('Datoteka je prazna.');
    expect(text((await u.upload('\r\n \r\n')).body)).toContain('Datoteka je prazna.');
    expect(text((await u.upload(`${header()}\r\n`)).body)).toContain('Datoteka ima le glavo');
    expect(text((await u.upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).body)).toContain('Datoteke XLSX ni mogoče prebrati');
    expect(text((await u.upload(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]))).body)).toContain('To je stara oblika Excel (.xls).');
    expect(await getStatValues(t.db)).toEqual([]);
  });

  it('refuses a file over the size limit with a clear message, storing nothing', async () => {
    const u = await uploader(t, 'coordinator');
    const big = Buffer.alloc(3 * 1024 * 1024, `${await row(t, 'kranj', 2023)}\n`);
    const r = await u.upload(Buffer.concat([Buffer.from(`${header()}\n`), big]));
    expect(r.statusCode).toBe(413);
    expect(text(r.body)).toContain('Datoteka je večja od 2 MB, zato ni bila prebrana in nič ni shranjeno.');
    expect(await getStatValues(t.db)).toEqual([]);
  });

  it('rejects rows of libraries the person may not edit and of reports already submitted, keeping the good rows; each fault by row, column and reason', async () => {
    const librarian = await uploader(t, 'librarian');
    const coordinator = await uploader(t, 'coordinator');
    // Kranj's 2023 report is submitted first.
    const submittedRow = await row(t, 'kranj', 2023);
    await coordinator.importNow(`${header()}\n${submittedRow}\n`);
    const report = (await getReport(t.db, 'kranj', 2023))!;
    await t.db.updateTable('stat_reports').set({ status: 'submitted' }).where('id', '=', report.id).execute();
    const csv = [
      header(),
      await row(t, 'kranj', 2024), // row 2: accepted
      await row(t, 'celje', 2024), // row 3: another library
      submittedRow, // row 4: already submitted
      await row(t, 'kranj', 2022, { 'members.total': '12a', 'staff.fte': '-1' }), // row 5: bad cells
      await row(t, 'nowhere', 2022), // row 6: unknown library
      await row(t, 'kranj', 2024), // row 7: repeated
    ].join('\n');
    const r = await librarian.importNow(`${csv}\n`, {}, '/staff/stats/import?lang=en');
    const body = text(r.body);
    expect(body).toContain('Rows accepted: 1; rows rejected: 5.');
    expect(body).toContain('3 library_id You may not enter statistics for library “celje”.');
    expect(body).toContain('4 year The report for 2023 is submitted; an import does not change it.');
    expect(body).toContain('5 members.total (Members, total) Enter a whole number (e.g. 1250).');
    expect(body).toContain('5 staff.fte (Staff (FTE), total) The value cannot be negative.');
    expect(body).toContain('6 library_id There is no library “nowhere”.');
    expect(body).toContain('7 – This library and year are already in row 2.');
    expect((await getStatValues(t.db)).map((x) => `${x.libraryId}/${x.year}/${x.status}`)).toEqual(['kranj/2023/submitted', 'kranj/2024/draft']);
  });

  it('changes nothing when the same file comes twice, and keeps funding per municipality entered in the form', async () => {
    const u = await uploader(t, 'coordinator');
    const csv = `${header()}\n${await row(t, 'kranj', 2023)}\n`;
    await u.importNow(csv);
    const report = (await getReport(t.db, 'kranj', 2023))!;
    // Funding per municipality, as the form enters it, matching the imported total.
    const [stored] = await getStatValues(t.db, { libraryIds: ['kranj'], years: [2023] });
    await t.db.insertInto('stat_municipality_funding').values({ report_id: report.id, municipality_id: 'SI-052', amount: stored!.values['funding.municipalities']! }).execute();
    const events = async () => (await t.db.selectFrom('stat_report_events').select('id').where('report_id', '=', report.id).execute()).length;
    const audits = async () => (await t.db.selectFrom('audit_log').select('id').where('entity_id', '=', 'kranj/2023').execute()).length;
    const [e, a] = [await events(), await audits()];
    const again = await u.importNow(csv);
    expect(text(again.body)).toContain('Sprejete vrstice: 1; zavrnjene vrstice: 0.');
    expect([await events(), await audits()]).toEqual([e, a]);
    expect((await getStatValues(t.db, { libraryIds: ['kranj'], years: [2023] }))[0]!.municipalityFunding).toEqual({ 'SI-052': stored!.values['funding.municipalities'] });
  });

  it('imports an XLSX workbook, with funding per municipality and hours per point, from the template offered as CSV and XLSX', async () => {
    const u = await uploader(t, 'librarian');
    const scope = (await getLibraryScope(t.db, 'kranj'))!;
    const places = [...scope.municipalities.map((m) => `funding.municipality.${m.id}`), ...scope.servicePoints.map((p) => `hours.${p.code}`)];
    const csvTemplate = await u.get('/staff/stats/import/template.csv?year=2023');
    expect(csvTemplate.headers['content-type']).toContain('text/csv');
    expect(csvTemplate.headers['content-disposition']).toContain('statistika-predloga-2023.csv');
    const csvRows = csvTemplate.body.split('\r\n');
    // Column names in the reader's language, then the keys, then the marked example, then the library.
    expect(csvRows[0]).toMatch(/^\uFEFFOznaka knjižnice;Knjižnica;Leto;Člani skupaj;Aktivni člani;/);
    expect(csvRows[1]).toBe([header(), ...places].join(';'));
    expect(csvRows[2]).toMatch(/^PRIMER;Primer izpolnjene vrstice \(se ne uvozi\);2023;\d+;\d+;/);
    expect(csvRows[3]).toBe('kranj;Mestna knjižnica Kranj;2023');
    const xlsxTemplate = await u.get('/staff/stats/import/template.xlsx?year=2023');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxTemplate.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Oznaka knjižnice');
    expect(sheet.getRow(2).getCell(1).value).toBe('library_id');
    expect(sheet.getRow(3).getCell(1).value).toBe('PRIMER');
    expect(sheet.getRow(4).getCell(1).value).toBe('kranj');
    // Fill the template's row with numbers and upload it, header rows and example as they came.
    const figures = demoFigures({ id: 'kranj', municipalities: scope.municipalities, servicePoints: scope.servicePoints }, 2023);
    keys.forEach((k, i) => (sheet.getRow(4).getCell(4 + i).value = figures.values[k]!));
    scope.municipalities.forEach((m, i) => (sheet.getRow(4).getCell(4 + keys.length + i).value = figures.municipalityFunding[m.id] ?? 0));
    scope.servicePoints.forEach((p, i) => (sheet.getRow(4).getCell(4 + keys.length + scope.municipalities.length + i).value = figures.servicePointHours[p.id]!));
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await u.upload(filled);
    expect(text(preview.body)).toContain('Vrstica 3 je primer iz predloge in je izpuščena.');
    const r = await u.confirm(preview);
    expect(text(r.body)).toContain('Sprejete vrstice: 1; zavrnjene vrstice: 0.');
    const [stored] = await getStatValues(t.db, { libraryIds: ['kranj'], years: [2023] });
    expect(stored).toMatchObject({ values: figures.values, municipalityFunding: figures.municipalityFunding, servicePointHours: figures.servicePointHours });
  });

  it('offers the template for the first year still open (not last year once it is accepted), in the reader’s language', async () => {
    const u = await uploader(t, 'librarian');
    const last = new Date().getFullYear() - 1;
    const page = await u.get('/staff/stats/import');
    expect(page.body).toContain(`<option value="${last}" selected>`);
    expect((await u.get('/staff/stats/import/template.csv')).body.split('\r\n')[3]).toBe(`kranj;Mestna knjižnica Kranj;${last}`);
    const now = new Date().toISOString();
    await t.db.insertInto('stat_reports').values({ library_id: 'kranj', year: last, status: 'accepted', is_demo: 0, jumps_confirmed: 1, created_at: now, created_by: null, updated_at: now, updated_by: null }).execute();
    expect((await u.get('/staff/stats/import')).body).toContain(`<option value="${last + 1}" selected>`);
    const en = await u.get('/staff/stats/import/template.csv?lang=en');
    expect(en.headers['content-disposition']).toContain(`statistics-template-${last + 1}.csv`);
    const rows = en.body.split('\r\n');
    expect(rows[0]).toMatch(/^\uFEFFLibrary ID;Library;Year;Members, total;/);
    expect(rows[2]).toMatch(new RegExp(`^EXAMPLE;Example of a filled-in row \\(not imported\\);${last + 1};\\d+;`));
    expect(rows[3]).toBe(`kranj;Mestna knjižnica Kranj;${last + 1}`);
    // The example alone imports nothing, and says why.
    const onlyExample = await u.upload(rows.slice(0, 3).join('\r\n'));
    expect(onlyExample.statusCode).toBe(400);
    expect(text(onlyExample.body)).toContain('The file has only the header and the example row (EXAMPLE), which is not imported');
  });

  it('reads a table headed by column names alone, in English or Slovenian, whatever the reader’s language', async () => {
    const u = await uploader(t, 'coordinator');
    const names = (lang: 'sl' | 'en') => importNames[lang].join(';');
    const english = await u.importNow(`${names('en')}\n${await row(t, 'kranj', 2023)}\n`);
    expect(text(english.body)).toContain('Sprejete vrstice: 1; zavrnjene vrstice: 0.');
    const slovenian = await u.importNow(`${names('sl')}\n${await row(t, 'trzic', 2023, {}, 'Tržič')}\n`, {}, '/staff/stats/import?lang=en');
    expect(text(slovenian.body)).toContain('Rows accepted: 1; rows rejected: 0.');
    expect((await getStatValues(t.db, { years: [2023] })).map((r) => r.libraryId)).toEqual(['kranj', 'trzic']);
  });

  it('keeps stored values where the file’s cells are empty, and previews per library and field what changes before storing anything', async () => {
    const u = await uploader(t, 'coordinator');
    await u.importNow(`${header()}\n${await row(t, 'kranj', 2023, { 'funding.other': '' })}\n`);
    const [before] = await getStatValues(t.db, { libraryIds: ['kranj'], years: [2023] });
    expect(before!.values['funding.other']).toBeUndefined();
    const virtual = before!.values['visits.virtual']!;
    const events = before!.values['programme.events']!;
    // A file with three cells filled: one changed, one new, one as stored; the other 35 are empty.
    const cells = keys.map((k) => (k === 'visits.virtual' ? String(virtual + 1000) : k === 'funding.other' ? '1234' : k === 'programme.events' ? String(events) : ''));
    const file = `${header()}\nkranj;;2023;${cells.join(';')}\n`;
    const preview = await u.upload(file, {}, '/staff/stats/import?lang=en');
    expect(preview.statusCode).toBe(200);
    const shown = text(preview.body);
    expect(shown).toContain('Rows to store: 1; rows rejected: 0.');
    expect(shown).toContain('kranj, 2023 (row 2)');
    expect(shown).toContain('Changed: 1; new: 1; unchanged: 1; empty cells (what is stored stays): 35.');
    expect(shown).toContain(`visits.virtual (Virtual visits) ${virtual.toLocaleString('en')} ${(virtual + 1000).toLocaleString('en')}`);
    expect(shown).toContain('funding.other (Other sources (EUR)) none 1,234');
    expect(shown).not.toContain('programme.events (');
    // Nothing is stored before the confirmation.
    expect((await getStatValues(t.db, { libraryIds: ['kranj'], years: [2023] }))[0]!.values).toEqual(before!.values);
    const stored = await u.confirm(preview);
    expect(text(stored.body)).toContain('Rows accepted: 1; rows rejected: 0.');
    const [after] = await getStatValues(t.db, { libraryIds: ['kranj'], years: [2023] });
    expect(after!.values).toEqual({ ...before!.values, 'visits.virtual': virtual + 1000, 'funding.other': 1234 });
  });

  it('refuses a confirmation when the stored figures changed after the preview, storing nothing and showing the new preview', async () => {
    const u = await uploader(t, 'coordinator');
    const other = await uploader(t, 'admin');
    await u.importNow(`${header()}\n${await row(t, 'kranj', 2023)}\n`);
    const [before] = await getStatValues(t.db, { libraryIds: ['kranj'], years: [2023] });
    const virtual = before!.values['visits.virtual']!;
    const file = (n: number) => `${header()}\nkranj;;2023;${keys.map((k) => (k === 'visits.virtual' ? String(n) : '')).join(';')}\n`;
    const preview = await u.upload(file(virtual + 1));
    // Meanwhile someone else stores another value.
    await other.importNow(file(virtual + 2));
    const late = await u.confirm(preview);
    expect(late.statusCode).toBe(409);
    expect(text(late.body)).toContain('Shranjeni podatki so se po tem predogledu spremenili, zato ni bilo nič shranjeno.');
    expect((await getStatValues(t.db, { libraryIds: ['kranj'], years: [2023] }))[0]!.values['visits.virtual']).toBe(virtual + 2);
    // The new preview shows the value stored meanwhile, and confirming it stores the file's.
    expect(text(late.body)).toContain(`${(virtual + 2).toLocaleString('sl')} ${(virtual + 1).toLocaleString('sl')}`);
    await u.confirm(late);
    expect((await getStatValues(t.db, { libraryIds: ['kranj'], years: [2023] }))[0]!.values['visits.virtual']).toBe(virtual + 1);
  });

  it('checks the table a confirmation carries back again, never trusting it: a forged library is refused, a broken table named, nothing stored', async () => {
    const u = await uploader(t, 'librarian');
    const preview = await u.upload(`${header()}\n${await row(t, 'kranj', 2024)}\n`);
    expect(preview.statusCode).toBe(200);
    const forged = await u.confirm(preview, (fields) => {
      fields.table = fields.table!.replaceAll('"kranj"', '"celje"');
    });
    expect(forged.statusCode).toBe(409);
    expect(text(forged.body)).toContain('Za knjižnico »celje« ne smete vnašati statistike.');
    const broken = await u.confirm(preview, (fields) => {
      fields.table = '[{"row":1,"cells":[{}]}]';
    });
    expect(broken.statusCode).toBe(400);
    expect(text(broken.body)).toContain('Potrjene tabele ni mogoče prebrati; datoteko naložite znova.');
    expect(await getStatValues(t.db)).toEqual([]);
  });

  it('names a funding column of a municipality the library does not serve, and a total that differs from the municipalities', async () => {
    const u = await uploader(t, 'coordinator');
    const base = await row(t, 'kranj', 2023);
    const csv = `${header()};funding.municipality.SI-061;funding.municipality.SI-052\n${base};100;1\n`;
    const body = text((await u.upload(csv, {}, '/staff/stats/import?lang=en')).body);
    expect(body).toContain('2 funding.municipality.SI-061 Municipality SI-061 does not fund this library.');
    const fixed = `${header()};funding.municipality.SI-052\n${base};1\n`;
    expect(text((await u.upload(fixed, {}, '/staff/stats/import?lang=en')).body)).toMatch(/2 funding\.municipalities \(Funding by the founding municipalities, total \(EUR\)\) The total must equal the sum of the municipalities \(1\)/);
    expect(await getStatValues(t.db)).toEqual([]);
  });
});

describe('importing a 100 MB file', () => {
  it('stops at the limit with a clear message and stores nothing', async () => {
    const t = await buildTestApp('sqlite');
    try {
      const u = await uploader(t, 'admin');
      const hundredMb = Buffer.alloc(100 * 1024 * 1024, 'kranj;;2023;1;2;3\n');
      const r = await u.upload(Buffer.concat([Buffer.from(`${header()}\n`), hundredMb]), {}, '/staff/stats/import?lang=en');
      expect(r.statusCode).toBe(413);
      expect(text(r.body)).toContain('The file is larger than 20 MB, so it was not read and nothing was stored.');
      expect(await t.db.selectFrom('stat_reports').select('id').execute()).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
