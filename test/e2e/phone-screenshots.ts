/**
 * Screenshots of the pages people open on a phone, 390 px wide, full page, with the demonstration data of a
 * first start; prints each page's width (document scrollWidth), which must not pass 390.
 * Run with `npx tsx test/e2e/phone-screenshots.ts <folder>` (needs chromium, like the browser tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { catalogJobDeps, seedDemoCatalog } from '../../src/modules/catalog/index.js';
import { seedDemoStatistics } from '../../src/modules/stats/index.js';
import { logIn, startAll } from './support.js';

const width = 390;

const shots: { file: string; path: string; staff?: boolean }[] = [
  { file: 'home.png', path: '/' },
  { file: 'compliance.png', path: '/compliance' },
  { file: 'report-kranj.png', path: '/reports/municipalities/SI-052' },
  { file: 'staff-catalog.png', path: '/staff/catalog', staff: true },
  { file: 'record.png', path: 'record' },
  { file: 'libraries.png', path: '/libraries' },
  { file: 'standards.png', path: '/standards' },
  { file: 'municipalities.png', path: '/municipalities' },
  { file: 'catalog-search.png', path: '/catalog?q=slovenska' },
];

async function main(): Promise<void> {
  const outDir = process.argv[2];
  if (!outDir) throw new Error('name the folder for the screenshots: npx tsx test/e2e/phone-screenshots.ts <folder>');
  fs.mkdirSync(outDir, { recursive: true });
  const [server, browser] = await startAll();
  try {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-phone-shots-'));
    await seedDemoStatistics(server.test.db);
    await seedDemoCatalog(catalogJobDeps({ db: server.test.db, dialect: 'sqlite', dataDir }));
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'sl-SI', deviceScaleFactor: 1 });
    const page = await context.newPage();
    await logIn(page, server.base, 'admin');
    // The first record a catalog search lists stands for every record page.
    await page.goto(`${server.base}/catalog?q=pre%C5%A1eren`);
    const record = await page.locator('a[href^="/catalog/records/"]').first().getAttribute('href');
    for (const shot of shots) {
      const target = shot.path === 'record' ? (record ?? '/catalog') : shot.path;
      const response = await page.goto(`${server.base}${target}`, { waitUntil: 'load' });
      if (response?.status() !== 200) throw new Error(`${target} answered ${response?.status()}`);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.screenshot({ path: path.join(outDir, shot.file), fullPage: true });
      console.log(`${String(scrollWidth).padStart(5)} px  ${target}  → ${shot.file}`);
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
