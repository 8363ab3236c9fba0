import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { loadCatalogFixtures, type CatalogFixtures } from '../../test-support/catalog.js';
import { testDialects } from '../../test-support/databases.js';
import { TestClient } from '../../test-support/http.js';
import { loansLibrarian } from '../../test-support/loans.js';
import { writeRequest, writeRequestingAgencyMessage, writeSupplyingAgencyMessage } from './iso18626/messages.js';
import * as q from './queries.js';
import { seedDemoLoans } from './demo/seed.js';

describe.each(testDialects)('interlibrary loan over HTTP on %s', (dialect) => {
  let t: TestApp;
  let fixtures: CatalogFixtures;
  const as = async (libraryId: string) => {
    const user = await loansLibrarian(t.db, libraryId);
    const client = new TestClient(t.app);
    expect((await client.login(user.email, user.password)).statusCode).toBe(303);
    return client;
  };
  const iso = (body: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/iso18626', payload: body, headers: { 'content-type': 'application/xml', ...headers } });
  const status = (xml: string) => /<messageStatus>(\w+)<\/messageStatus>/.exec(xml)?.[1];
  const errorType = (xml: string) => /<errorType>(\w+)<\/errorType>/.exec(xml)?.[1];

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    fixtures = await loadCatalogFixtures(t.database);
    const at = new Date().toISOString();
    await q.insertAgency(t.db, { symbol: 'EXT', name: 'Knjižnica v tujini', address: null, secret: 'ext-secret', is_national: 0, created_at: at });
    await q.insertAgency(t.db, { symbol: 'NUK', name: 'Narodna in univerzitetna knjižnica', address: null, secret: 'nuk-secret', is_national: 1, created_at: at });
  });
  afterAll(async () => t?.close());

  it('walks a request through its pages: form, cannot supply to the next lender, shipped, received, returned', async () => {
    const kranj = await as('kranj');
    const form = await kranj.get(`/staff/loans/new?entry=${fixtures.knjiznice}&lang=en`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Request an interlibrary loan');
    const missing = await kranj.postForm('/staff/loans?lang=en', { entryId: String(fixtures.knjiznice), patronRef: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#f-patronRef"');
    const made = await kranj.postForm('/staff/loans', { entryId: String(fixtures.knjiznice), patronRef: 'izkaznica 42', note: 'seminar' });
    expect(made.statusCode).toBe(303);
    const url = made.headers.location!.split('?')[0]!;
    const page = await kranj.get(`${url}?lang=en`);
    expect(page.body).toContain('Lender rota');
    expect(page.body).toContain('skipped: the borrowing library itself');
    expect(page.body).toContain('NUK'); // the national library closes the rota
    // Celje is not yet a party: 404; Ljubljana, asked first, sees it in its queue and says it cannot supply.
    const celje = await as('celje');
    expect((await celje.get(url)).statusCode).toBe(404);
    const ljubljana = await as('ljubljana');
    expect((await ljubljana.get('/staff/loans?side=lending')).body).toContain(url);
    const noReason = await ljubljana.postForm(`${url}/lender?lang=en`, { action: 'cannot-supply', reason: '' });
    expect(noReason.statusCode).toBe(409);
    expect(noReason.body).toContain('Choose why you cannot supply it.');
    expect((await ljubljana.postForm(`${url}/lender`, { action: 'cannot-supply', reason: 'NotOnShelf' })).statusCode).toBe(303);
    // The borrower cannot skip ahead: refused with the reason, in Slovenian too.
    const early = await kranj.postForm(`${url}/borrower?lang=sl`, { action: 'received' });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('Zavrnjeno: ta korak se ne ujema s stanjem zahtevka.');
    for (const action of ['will-supply', 'shipped']) expect((await celje.postForm(`${url}/lender`, { action, dueDate: '2099-01-31' })).statusCode).toBe(303);
    for (const action of ['received', 'lent-to-patron', 'returned']) expect((await kranj.postForm(`${url}/borrower`, { action })).statusCode).toBe(303);
    expect((await celje.postForm(`${url}/lender`, { action: 'return-received' })).statusCode).toBe(303);
    const done = await kranj.get(`${url}?lang=en`);
    expect(done.body).toContain('completed');
    expect(done.body).toMatch(/cannot supply \(not on the shelf\)/);
    // Maribor, never asked, still cannot see it; a coordinator of another region neither.
    expect((await (await as('maribor')).get(url)).statusCode).toBe(404);
  });

  it('answers each ISO 18626 message type with its confirmation and applies it; repeats change nothing', async () => {
    // An external agency asks Celje for a book.
    const header = { supplier: { type: 'MREZA', value: 'celje' }, requester: { type: 'ISIL', value: 'EXT' }, requestId: 'ext-1', timestamp: '2026-12-07T09:00:00Z' };
    const request = writeRequest({ ...header, securityCode: 'ext-secret' }, { title: 'Ptice Slovenije', patronId: 'P1' });
    const first = await iso(request);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('application/xml');
    expect(first.body).toContain('<requestConfirmation>');
    expect(status(first.body)).toBe('OK');
    expect(status((await iso(request)).body)).toBe('OK');
    const made = await t.db.selectFrom('loans_requests').selectAll().where('peer_request_id', '=', 'ext-1').execute();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ state: 'submitted', lender_library_id: 'celje', borrower_library_id: 'EXT' });
    // Celje ships it from its queue; the agency says it was received.
    const celje = await as('celje');
    expect((await celje.postForm(`/staff/loans/${made[0]!.id}/lender`, { action: 'shipped' })).statusCode).toBe(303);
    const received = writeRequestingAgencyMessage({ ...header, timestamp: '2026-12-09T09:00:00Z', securityCode: 'ext-secret' }, { action: 'Received' });
    const r1 = await iso(received);
    expect(r1.body).toContain('<requestingAgencyMessageConfirmation>');
    expect(r1.body).toContain('<action>Received</action>');
    expect(status(r1.body)).toBe('OK');
    expect((await q.getRequest(t.db, made[0]!.id))!.state).toBe('received');
    expect((await iso(received)).body).toBe(r1.body);
    expect((await t.db.selectFrom('loans_events').select('id').where('request_id', '=', made[0]!.id).where('message', '=', 'requester:Received').execute())).toHaveLength(1);
    // An action that does not fit the state: an error confirmation, the request flagged for a person.
    const cancel = writeRequestingAgencyMessage({ ...header, timestamp: '2026-12-09T10:00:00Z', securityCode: 'ext-secret' }, { action: 'Cancel' });
    const c = await iso(cancel);
    expect([c.statusCode, status(c.body), errorType(c.body)]).toEqual([200, 'ERROR', 'UnsupportedActionType']);
    expect((await q.getRequest(t.db, made[0]!.id))!).toMatchObject({ state: 'received', flagged: 1 });

    // Kranj's request for a work only Kranj holds goes to the national library, an external agency, which answers.
    const kranj = await as('kranj');
    const own = await kranj.postForm('/staff/loans', { entryId: String(fixtures.povodni), patronRef: 'izkaznica 7' });
    const id = own.headers.location!.split('?')[0]!.split('/').pop()!;
    expect((await q.getRequest(t.db, Number(id)))!.lender_library_id).toBe('NUK');
    const nukHeader = { supplier: { type: 'ISIL', value: 'NUK' }, requester: { type: 'MREZA', value: 'kranj' }, requestId: id, timestamp: '2026-12-07T11:00:00Z' };
    const loaned = writeSupplyingAgencyMessage(nukHeader, { reasonForMessage: 'StatusChange', status: 'Loaned', dueDate: '2027-02-01', lastChange: nukHeader.timestamp });
    const s1 = await iso(loaned, { authorization: 'Bearer nuk-secret' });
    expect(s1.body).toContain('<supplyingAgencyMessageConfirmation>');
    expect(s1.body).toContain('<reasonForMessage>StatusChange</reasonForMessage>');
    expect(status(s1.body)).toBe('OK');
    expect((await q.getRequest(t.db, Number(id)))!).toMatchObject({ state: 'shipped', due_date: '2027-02-01' });
    // The wrong secret, an unknown agency, broken XML, an entity bomb: HTTP 200 and an ERROR confirmation.
    const wrong = await iso(loaned.replace('11:00:00Z', '12:00:00Z'), { authorization: 'Bearer nope' });
    expect([wrong.statusCode, status(wrong.body), errorType(wrong.body)]).toEqual([200, 'ERROR', 'UnrecognisedDataValue']);
    const unknown = await iso(loaned.replace('<agencyIdValue>NUK', '<agencyIdValue>XYZ'), { authorization: 'Bearer nuk-secret' });
    expect(errorType(unknown.body)).toBe('UnrecognisedDataValue');
    const broken = await iso('<supplyingAgencyMessage><header>');
    expect([broken.statusCode, errorType(broken.body)]).toEqual([200, 'BadlyFormedMessage']);
    const bomb = await iso('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "x"><!ENTITY b "&a;&a;">]><request>&b;</request>');
    expect([bomb.statusCode, errorType(bomb.body)]).toEqual([200, 'BadlyFormedMessage']);
    const action = await iso(writeRequestingAgencyMessage({ ...header, securityCode: 'ext-secret' }, { action: 'Received' }).replace('<action>Received', '<action>Dance'));
    expect(errorType(action.body)).toBe('UnsupportedActionType');
    // Transport faults: too large (413), not XML (4xx); no CSRF refusal, no redirect, no HTML.
    expect((await iso(`<request>${'x'.repeat(101 * 1024)}</request>`)).statusCode).toBe(413);
    const form = await t.app.inject({ method: 'POST', url: '/iso18626', payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([400, 415]).toContain(form.statusCode);
    expect(form.headers['content-type']).not.toContain('text/html');
    // Every incoming message was stored.
    const stored = await t.db.selectFrom('loans_messages').select(['status', 'error_type']).where('direction', '=', 'in').execute();
    expect(stored.length).toBeGreaterThanOrEqual(4);
  });

  it('seeds demonstration requests once, marked and labelled', async () => {
    const before = await q.countRequests(t.db);
    expect(await seedDemoLoans(t.db)).toBe(0); // requests exist already
    await t.db.deleteFrom('loans_requests').execute();
    const made = await seedDemoLoans(t.db);
    expect(made).toBeGreaterThan(2);
    const rows = await t.db.selectFrom('loans_requests').select(['state', 'is_demo', 'patron_ref']).execute();
    expect(new Set(rows.map((r) => r.state)).size).toBeGreaterThan(2);
    expect(rows.every((r) => r.is_demo === 1 && r.patron_ref.startsWith('demo-'))).toBe(true);
    const admin = await t.client('admin');
    expect((await admin.get('/staff/loans?lang=en')).body).toContain('demo-badge');
    expect(before).toBeGreaterThan(0);
  });
});
