import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test-support/app.js';
import { testDialects } from '../test-support/databases.js';

// Form routes keep their body's faults to show them (attachValidation); a malformed id in the path must
// still be "not found" on every route, never reach a query (PostgreSQL refused "abc" as an integer: 500).
describe.each(testDialects)('a malformed id in the path on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('is not found on a form route that shows its own faults', async () => {
    const anonymous = await t.client();
    expect((await anonymous.postForm('/reading/abc/register', { name: 'Ana', contact: 'ana@example.si', consent: 'yes' })).statusCode).toBe(404);
    const librarian = await t.client('librarian');
    expect((await librarian.postForm('/staff/access/stops/abc', { name: 'x' })).statusCode).toBe(404);
  });
});
