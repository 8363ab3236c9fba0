import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import type { CurrentUser } from '../../web/access.js';
import { AppError } from '../../web/errors.js';
import * as q from './queries.js';
import { buildAnnualReport, buildRollup } from './report.js';
import * as service from './service.js';
import { builtInReportSources, type AnnualReportSource } from './sources.js';

const userOf = async (t: TestApp, email: string): Promise<CurrentUser> => {
  const u = await t.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  return { id: u.id, email: u.email, name: u.name, role: u.role, regionId: u.region_id, libraryId: u.library_id, partnerName: u.partner_name };
};

const fieldsOf = async (promise: Promise<unknown>): Promise<string[]> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return (error.fields ?? []).map((f) => f.field).concat(error.fields?.length ? [] : [error.code]);
    throw error;
  }
  return [];
};

describe.each(testDialects)('coordination service on %s', (dialect) => {
  let t: TestApp;
  let admin: CurrentUser;
  let coordinator: CurrentUser;
  let librarian: CurrentUser;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    admin = await userOf(t, 'admin@test.si');
    coordinator = await userOf(t, 'koordinator@test.si');
    librarian = await userOf(t, 'knjiznicar@test.si');
  });
  afterAll(async () => t?.close());

  it('records a meeting and its decisions; the board puts overdue first and a done decision needs evidence', async () => {
    const group = await service.createGroup(t.db, coordinator, { kind: 'group', name: 'Domoznanstvo', remit: 'Local studies' });
    await service.addMember(t.db, coordinator, group.id, { userId: librarian.id, termFrom: '2025-01-01', termTo: '2028-12-31' });
    expect(await q.listMembers(t.db, group.id)).toHaveLength(1);
    expect(await fieldsOf(service.addMember(t.db, coordinator, group.id, { userId: librarian.id, termFrom: '2025-01-01', termTo: '2024-01-01' }))).toEqual(['term_to']);
    const meeting = await service.createMeeting(t.db, coordinator, group.id, { title: '1. seja', heldOn: '2026-01-15', agenda: '1. Programme' });
    await service.saveMinutes(t.db, coordinator, meeting.id, { minutes: '# Zapisnik', attendees: [librarian.id, coordinator.id] });
    expect(await q.listAttendance(t.db, meeting.id)).toEqual([coordinator.id, librarian.id].sort((a, b) => a - b));

    expect(await fieldsOf(service.createDecision(t.db, coordinator, meeting.id, { title: '', ownerId: librarian.id, dueOn: '2026-01-01' }))).toEqual(['title', 'due_on']);
    await expect(service.createDecision(t.db, librarian, meeting.id, { title: 'x', ownerId: librarian.id, dueOn: '2026-02-01' })).rejects.toThrow(AppError);
    const late = await service.createDecision(t.db, coordinator, meeting.id, { title: 'Late one', ownerId: librarian.id, dueOn: '2026-02-01' });
    const later = await service.createDecision(t.db, coordinator, meeting.id, { title: 'Later one', ownerId: librarian.id, dueOn: '2026-06-01' });
    const soon = await service.createDecision(t.db, coordinator, meeting.id, { title: 'Soon one', ownerId: coordinator.id, dueOn: '2026-03-05' });
    // The owner was told.
    const told = await t.db.selectFrom('notifications').select('kind').where('user_id', '=', librarian.id).execute();
    expect(told.filter((n) => n.kind === 'coordination.decision.assigned')).toHaveLength(2);

    expect(await fieldsOf(service.updateDecision(t.db, librarian, later.id, { status: 'done', evidence: ' ' }))).toEqual(['evidence']);
    await expect(service.updateDecision(t.db, librarian, soon.id, { status: 'in_progress' })).rejects.toThrow(AppError);
    const done = await service.updateDecision(t.db, librarian, later.id, { status: 'done', evidence: 'Sent to the ministry on 2 March' });
    expect(done.done_on).not.toBeNull();

    const board = await q.listDecisions(t.db, { groupId: group.id, today: '2026-03-01', limit: 10, offset: 0 });
    expect(board.total).toBe(3);
    expect(board.items.map((d) => d.id)).toEqual([late.id, soon.id, later.id]);

    // Reminders: overdue and due within a week, once a day.
    const reminded = await service.sendDecisionReminders(t.db, { today: '2026-03-01' });
    expect(reminded.map((d) => d.id)).toEqual([late.id, soon.id]);
    expect(await service.sendDecisionReminders(t.db, { today: '2026-03-01' })).toEqual([]);
    expect((await service.sendDecisionReminders(t.db, { today: '2026-03-02' })).map((d) => d.id)).toEqual([late.id, soon.id]);
    const mails = await t.db.selectFrom('notifications').select('kind').where('kind', '=', 'coordination.decision.reminder').execute();
    expect(mails).toHaveLength(4);
  });

  it("lets a coordinator build and submit only their own OOK's programme, and reports it with the sources' figures", async () => {
    await expect(service.createProgramme(t.db, coordinator, { regionId: 'celje', year: 2025 })).rejects.toThrow(AppError);
    const programme = await service.createProgramme(t.db, coordinator, { regionId: 'kranj', year: 2025 });
    expect(await fieldsOf(service.createProgramme(t.db, admin, { regionId: 'kranj', year: 2025 }))).toEqual(['year']);
    expect(await fieldsOf(service.submitProgramme(t.db, coordinator, programme.id))).toEqual(['targets']);
    const visits = await service.addTarget(t.db, coordinator, programme.id, { task: 'help', activity: 'Advisory visits', indicator: 'visits', target: 20, libraryIds: ['kranj', 'jesenice'] });
    const objects = await service.addTarget(t.db, coordinator, programme.id, { task: 'local', activity: 'Kamra objects', indicator: 'objects', target: 40 });
    expect(await fieldsOf(service.addTarget(t.db, coordinator, programme.id, { task: 'nope', activity: '', indicator: 'x', target: -1 }))).toEqual(['task', 'activity', 'target']);
    await service.addBudgetLine(t.db, coordinator, programme.id, { task: 'help', costKind: 'labour', plannedCents: 1_200_000 });
    const material = await service.addBudgetLine(t.db, coordinator, programme.id, { task: 'choice', costKind: 'material', plannedCents: 3_000_050 });
    await expect(service.addTarget(t.db, librarian, programme.id, { task: 'help', activity: 'x', indicator: 'x', target: 1 })).rejects.toThrow(AppError);
    await service.submitProgramme(t.db, coordinator, programme.id);
    // Submitted: the targets are fixed, the progress goes on.
    await expect(service.addTarget(t.db, coordinator, programme.id, { task: 'help', activity: 'x', indicator: 'x', target: 1 })).rejects.toThrow(AppError);
    await service.recordProgress(t.db, coordinator, programme.id, 1, { [visits.id]: 6, [objects.id]: 10 });
    await service.recordProgress(t.db, coordinator, programme.id, 2, { [visits.id]: 5 });
    expect(await fieldsOf(service.recordProgress(t.db, coordinator, programme.id, 5, { [visits.id]: -1 }))).toEqual(['quarter', `t${visits.id}`]);
    await service.recordSpent(t.db, coordinator, material.id, 2_500_000);
    await service.saveReportText(t.db, coordinator, programme.id, 'Leto je bilo dobro.');

    const failing: AnnualReportSource = { key: 'broken', task: 'help', figures: async () => Promise.reject(new Error('down')) };
    const extra: AnnualReportSource = { key: 'training', task: 'help', figures: async (_db, scope) => [{ key: 'sessions', labelKey: 'x', value: scope.year }] };
    const report = await buildAnnualReport(t.db, (await q.getProgramme(t.db, programme.id))!, [...builtInReportSources, failing, extra]);
    expect(report.failedSources).toEqual(['broken']);
    const help = report.parts.find((p) => p.task === 'help')!;
    expect(help.targets[0]!.achieved).toBe(11);
    expect(help.targets[0]!.quarters).toEqual([6, 5, null, null]);
    expect(help.targets[0]!.libraries.length).toBe(2);
    expect(help.figures).toEqual([{ key: 'sessions', labelKey: 'x', value: 2025, source: 'training' }]);
    const choice = report.parts.find((p) => p.task === 'choice')!;
    expect(choice.figures.find((f) => f.key === 'libraries')!.value).toBeGreaterThan(0);
    expect(report.totals.material).toEqual({ planned: 3_000_050, spent: 2_500_000 });
    expect(report.totals.all.planned).toBe(4_200_050);

    const rollup = await buildRollup(t.db, 2025, []);
    expect(rollup.rows).toHaveLength(10);
    expect(rollup.rows.filter((r) => r.programme)).toHaveLength(1);
    expect(rollup.tasks.find((x) => x.task === 'local')).toMatchObject({ activities: 1, targetSum: 40, achievedSum: 10 });
    expect(rollup.totals.planned).toBe(4_200_050);
  });
});
