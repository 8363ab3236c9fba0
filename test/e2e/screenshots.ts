/**
 * Saves the README's screenshots into docs/screenshots/: the home page, a search, and a library,
 * 1280 wide, full page; a short viewport so a short page ends with its footer.
 * Run with `npx tsx test/e2e/screenshots.ts` (needs chromium, like the browser tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAll } from './support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = path.join(root, 'docs', 'screenshots');

const shots: { file: string; path: string; lang: 'sl' | 'en' }[] = [
  { file: 'home.png', path: '/', lang: 'sl' },
  { file: 'search-zalec.png', path: '/libraries?q=zalec', lang: 'sl' },
  { file: 'library-kranj.png', path: '/libraries/kranj', lang: 'sl' },
];

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const [server, browser] = await startAll();
  try {
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
