import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';

describe.each(testDialects)('network pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("links each source's URL and shows its note as text beside it", async () => {
    const page = await t.app.inject({ method: 'GET', url: '/libraries/ljubljana' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="https://www.mklj.si/en/central-regional-library/" rel="external noopener">https://www.mklj.si/en/central-regional-library/</a>');
    expect(page.body).toContain('<span class="source-note"> (also lists Medvode - outdated, Medvode independent since 2009; see md)</span>');
    // Every link on the page is a URL without spaces (the Nu HTML checker refused the note inside href).
    const hrefs = [...page.body.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((h) => /\s/.test(h) || (h.startsWith('http') && !URL.canParse(h)))).toEqual([]);
  });
});
