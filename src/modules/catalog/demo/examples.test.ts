// Issue 17: every example search of the search help ("Kako iskati", both languages) and of the README
// finds records in the demonstration catalog of a fresh start. The examples are read from the served
// page and from README.md, so an example added to either is tested without touching this file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import { buildTestApp, type TestApp } from '../../../test-support/app.js';
import { testDialects } from '../../../test-support/databases.js';
import { catalogJobDeps } from '../index.js';
import { seedDemoCatalog } from './seed.js';

/** The searches the README shows: `"cebelica" finds "Čebelica"`, `a catalog search for "…"` and links to /catalog?q=. */
export function readmeExamples(readme: string): string[] {
  const found = new Set<string>();
  for (const m of readme.matchAll(/"([^"]+)" finds "/g)) found.add(m[1]!);
  for (const m of readme.matchAll(/catalog search for "([^"]+)"/g)) found.add(m[1]!);
  for (const m of readme.matchAll(/\/catalog\?q=([^)\s"'`&]+)/g)) found.add(decodeURIComponent(m[1]!.replace(/\+/g, ' ')));
  return [...found];
}

/** The example searches linked from the search help of a served /catalog page. */
function helpExamples(html: string): string[] {
  const help = /<section class="search-help"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...help.matchAll(/href="\/catalog\?([^"]+)"/g)].map((m) => new URLSearchParams(m[1]!.replace(/&amp;/g, '&')).get('q') ?? '');
}

describe('the README', () => {
  it('shows example searches the test can read', () => {
    expect(readmeExamples(fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8'))).toEqual(expect.arrayContaining(['cebelica', 'knjižnice']));
  });
});

describe.each(testDialects)('the example searches on a fresh start on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-examples-'));
    expect(await seedDemoCatalog(catalogJobDeps({ db: t.db, dialect, dataDir }))).not.toBeNull();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** How many entries the catalog page says a search found (0 when it says none). */
  const hits = async (q: string, lang: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/catalog?${new URLSearchParams({ q, lang })}` });
    expect(response.statusCode).toBe(200);
    return [...response.body.matchAll(/<li class="hit">/g)].length;
  };

  for (const lang of ['sl', 'en']) {
    it(`finds records for every example of the search help (${lang})`, async () => {
      const page = await t.app.inject({ method: 'GET', url: `/catalog?lang=${lang}` });
      const examples = helpExamples(page.body);
      expect(examples.length).toBeGreaterThanOrEqual(10);
      const empty: string[] = [];
      for (const q of examples) if ((await hits(q, lang)) === 0) empty.push(q);
      expect(empty).toEqual([]);
    });
  }

  it('finds records for every example of the README', async () => {
    const examples = readmeExamples(fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8'));
    const empty: string[] = [];
    for (const q of examples) if ((await hits(q, 'sl')) === 0) empty.push(q);
    expect(empty).toEqual([]);
  });

  it('keeps what the "without" example leaves out out, and finds the phrase as a phrase', async () => {
    const without = await t.app.inject({ method: 'GET', url: `/catalog?${new URLSearchParams({ q: 'čebele -pravljice' })}` });
    expect(without.body).not.toContain('Čebelica Maja');
    const withFairyTales = await t.app.inject({ method: 'GET', url: `/catalog?${new URLSearchParams({ q: 'čebele' })}` });
    expect(withFairyTales.body).toContain('Čebelica Maja');
    const phrase = await t.app.inject({ method: 'GET', url: `/catalog?${new URLSearchParams({ q: '"povodni mož"' })}` });
    expect(phrase.body).toContain('>Povodni mož</a>');
  });
});
