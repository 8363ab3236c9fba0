/**
 * Saves the README's screenshots into docs/screenshots/: the home page, a library search, a library, a catalog
 * search, a library's compliance and a municipality report,
 * 1280 wide, full page; a short viewport so a short page ends with its footer.
 * Run with `npx tsx test/e2e/screenshots.ts` (needs chromium, like the browser tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { catalogJobDeps, seedDemoCatalog } from '../../src/modules/catalog/index.js';
import { seedDemoStatistics } from '../../src/modules/stats/index.js';
import { startAll } from './support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = path.join(root, 'docs', 'screenshots');

const shots: { file: string; path: string; lang: 'sl' | 'en' }[] = [
  { file: 'home.png', path: '/', lang: 'sl' },
  { file: 'search-zalec.png', path: '/libraries?q=zalec', lang: 'sl' },
  { file: 'library-kranj.png', path: '/libraries/kranj', lang: 'sl' },
  { file: 'catalog-search.png', path: '/catalog?q=cebelarstvu', lang: 'sl' },
  { file: 'compliance-kranj.png', path: '/compliance/libraries/kranj', lang: 'en' },
  { file: 'report-kranj.png', path: '/reports/municipalities/SI-052', lang: 'sl' },
];

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const [server, browser] = await startAll();
  try {
    // The catalog's and the statistics' pictures show the demonstration data, as a first start has it.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-shots-'));
    await seedDemoStatistics(server.test.db);
    await seedDemoCatalog(catalogJobDeps({ db: server.test.db, dialect: 'sqlite', dataDir }));
    const context = await browser.newContext({ viewport: { width: 1280, height: 400 }, locale: 'sl-SI', deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const shot of shots) {
      const url = `${server.base}${shot.path}${shot.path.includes('?') ? '&' : '?'}lang=${shot.lang}`;
      const response = await page.goto(url, { waitUntil: 'load' });
      if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
      const file = path.join(outDir, shot.file);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`${path.relative(root, file)}  ← ${shot.path}`);
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
