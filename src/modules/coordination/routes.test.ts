import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { seedDemoCoordination } from './demo/seed.js';
import * as q from './queries.js';

const textOf = async (pdf: Buffer) => (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text;

describe.each(testDialects)('coordination pages and API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    expect(await seedDemoCoordination(t.db, '2026-03-01')).toBe(true);
    expect(await seedDemoCoordination(t.db, '2026-03-01')).toBe(false);
  });
  afterAll(async () => t?.close());

  it('answers the decisions and programmes as {items,total} for staff, 401 without a session, 403 for a partner', async () => {
    const librarian = await t.client('librarian');
    const decisions = await librarian.get('/api/coordination/decisions?limit=2');
    expect(decisions.statusCode).toBe(200);
    const body = decisions.json() as { items: { overdue: boolean; isDemo: boolean; status: string }[]; total: number };
    expect(body.total).toBe(5);
    expect(body.items).toHaveLength(2);
    expect(body.items[0]!.isDemo).toBe(true);
    const programmes = (await librarian.get('/api/coordination/programmes?year=2025')).json() as { items: { regionId: string; targets: { achieved: number }[] }[]; total: number };
    expect(programmes.total).toBe(3);
    expect(programmes.items.find((p) => p.regionId === 'kranj')!.targets[0]!.achieved).toBe(1240);
    expect((await (await t.client()).get('/api/coordination/decisions')).statusCode).toBe(401);
    expect((await (await t.client('partner')).get('/api/coordination/programmes')).statusCode).toBe(403);
    const openapi = (await librarian.get('/api/openapi.json')).json() as { paths: Record<string, { get: { tags: string[] } }> };
    expect(openapi.paths['/api/coordination/decisions']!.get.tags).toEqual(['coordination']);
  });

  it("lets Kranj's coordinator change only Kranj's programme", async () => {
    const coordinator = await t.client('coordinator');
    const celje = (await q.findProgramme(t.db, 'celje', 2026))!;
    const kranj = (await q.findProgramme(t.db, 'kranj', 2026))!;
    const target = { task: 'help', activity: 'Obiski', indicator: 'obiskov', target: '12' };
    expect((await coordinator.postForm(`/staff/coordination/programmes/${celje.id}/targets`, target)).statusCode).toBe(403);
    expect((await coordinator.postForm(`/staff/coordination/programmes/${kranj.id}/targets`, target)).statusCode).toBe(303);
    const bad = await coordinator.postForm(`/staff/coordination/programmes/${kranj.id}/budget`, { line_task: 'help', cost_kind: 'labour', planned: '12.345,00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vpišite znesek v evrih');
    expect((await coordinator.postForm('/staff/coordination/programmes', { region_id: 'celje', new_year: '2030' })).statusCode).toBe(403);
    expect((await coordinator.postForm('/staff/coordination/programmes', { region_id: 'kranj', new_year: '2030' })).statusCode).toBe(303);
    expect((await (await t.client('librarian')).postForm(`/staff/coordination/programmes/${kranj.id}/submit`, {})).statusCode).toBe(403);
    // Quarterly progress and money spent, through the page's forms (the CSRF token rides in the same body).
    const [first] = await q.listTargets(t.db, [kranj.id]);
    expect((await coordinator.postForm(`/staff/coordination/programmes/${kranj.id}/progress`, { quarter: '2', [`t${first!.id}`]: '9' })).statusCode).toBe(303);
    expect((await q.listProgress(t.db, [first!.id])).find((p) => p.quarter === 2)?.value).toBe(9);
    const [line] = await q.listBudgetLines(t.db, [kranj.id]);
    expect((await coordinator.postForm(`/staff/coordination/programmes/${kranj.id}/spent`, { [`spent_${line!.id}`]: '100,25' })).statusCode).toBe(303);
    expect((await q.getBudgetLine(t.db, line!.id))?.spent_cents).toBe(10_025);
  });

  it('shows every page with the demonstration content, and the report PDF holds the figures', async () => {
    const admin = await t.client('admin');
    const kranj = (await q.findProgramme(t.db, 'kranj', 2025))!;
    const group = (await q.listGroups(t.db))[0]!;
    const meeting = (await q.listMeetings(t.db, group.id))[0]!;
    const decision = (await q.listDecisions(t.db, { today: '2026-03-01', limit: 1, offset: 0 })).items[0]!;
    for (const url of [
      '/staff/coordination',
      `/staff/coordination/groups/${group.id}`,
      `/staff/coordination/meetings/${meeting.id}`,
      `/staff/coordination/decisions/${decision.id}`,
      '/staff/coordination/board',
      '/staff/coordination/programmes?year=2025',
      `/staff/coordination/programmes/${kranj.id}`,
      `/staff/coordination/programmes/${kranj.id}/report`,
      '/staff/coordination/rollup?year=2025',
    ]) {
      const response = await admin.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('demo-badge');
    }
    const pdf = await admin.get(`/staff/coordination/programmes/${kranj.id}/report.pdf?lang=en`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await textOf(pdf.rawPayload);
    expect(text).toContain('Annual report on the special tasks: Gorenjska area, 2025');
    expect(text).toContain('Libraries of the area');
    expect(text).toContain('1,240');
    expect(text).toContain('Financial part');
  });
});
