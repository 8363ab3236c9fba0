import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { listUsers } from '../../accounts/index.js';
import { listLibraryRefs } from '../../network/index.js';
import * as q from '../queries.js';
import * as service from '../service.js';
import type { SpecialTask } from '../tables.js';

// Demonstration content of the coordination: made up, every row is_demo = 1 and labelled on the pages.
// A team and a working group, meetings with decisions in every state (one overdue), and programmes of
// a few OOK: last year's submitted with progress and money spent, this year's drafts. Loaded through the
// service (so it is valid data), with the first admin account as owner and actor.

interface DemoTarget {
  task: SpecialTask;
  activity: string;
  indicator: string;
  target: number;
  quarters?: number[];
}

const targets: DemoTarget[] = [
  { task: 'choice', activity: 'Nakup gradiva s sredstvi OOK (demo)', indicator: 'enot gradiva', target: 1200, quarters: [310, 280, 260, 390] },
  { task: 'help', activity: 'Svetovalni obiski v knjižnicah območja (demo)', indicator: 'obiskov', target: 24, quarters: [5, 7, 4, 9] },
  { task: 'help', activity: 'Usposabljanja za knjižničarje območja (demo)', indicator: 'udeležencev', target: 120, quarters: [20, 35, 10, 48] },
  { task: 'local', activity: 'Domoznanski objekti na Kamri (demo)', indicator: 'objektov', target: 40, quarters: [8, 12, 6, 15] },
  { task: 'withdrawn', activity: 'Odpisano gradivo, posredovano drugim knjižnicam (demo)', indicator: 'enot', target: 500, quarters: [100, 90, 140, 120] },
  { task: 'joint', activity: 'Skupni projekt Obrazi slovenskih pokrajin (demo)', indicator: 'gesel', target: 30, quarters: [6, 8, 5, 9] },
];

const budget: { task: SpecialTask; kind: 'labour' | 'material' | 'other'; planned: number; spent: number }[] = [
  { task: 'choice', kind: 'material', planned: 4_500_000, spent: 4_380_000 },
  { task: 'help', kind: 'labour', planned: 3_800_000, spent: 3_800_000 },
  { task: 'local', kind: 'labour', planned: 2_100_000, spent: 2_050_000 },
  { task: 'withdrawn', kind: 'other', planned: 300_000, spent: 245_000 },
  { task: 'joint', kind: 'other', planned: 600_000, spent: 580_000 },
];

/** Fills an empty coordination with demonstration content; false when it already has any, or no admin exists yet. */
export async function seedDemoCoordination(db: Db, today = service.todayInLjubljana()): Promise<boolean> {
  if (await q.hasAnyGroup(db)) return false;
  const { items } = await listUsers(db, { limit: 200, offset: 0 });
  const admin = items.find((u) => u.role === 'admin' && u.disabled === 0);
  if (!admin) return false;
  const actor: CurrentUser = { id: admin.id, email: admin.email, name: admin.name, role: 'admin', regionId: null, libraryId: null, partnerName: null };
  const owner = (role: string) => items.find((u) => u.role === role && u.disabled === 0)?.id ?? admin.id;
  const demo = { demo: true };

  const team = await service.createGroup(
    db,
    actor,
    {
      kind: 'team',
      name: 'Skupina OOK (demo)',
      remit: 'Direktorji in območni koordinatorji desetih OOK: nacionalna koordinacija posebnih nalog (demonstracija).',
      outputs: '- Skupna izhodišča letnih programov (demo)\n- Predlog petletnih smernic (demo)',
    },
    demo,
  );
  const group = await service.createGroup(
    db,
    actor,
    { kind: 'group', name: 'Delovna skupina za domoznanstvo (demo)', remit: 'Usklajevanje domoznanske dejavnosti in vnosa v Kamro (demonstracija).', outputs: '' },
    demo,
  );
  for (const g of [team, group]) await service.addMember(db, actor, g.id, { userId: admin.id, role: 'predsednik', termFrom: '2024-01-01', termTo: '2027-12-31' });

  const m1 = await service.createMeeting(db, actor, team.id, { title: '1. seja skupine OOK (demo)', heldOn: service.addDays(today, -60), place: 'Kranj', agenda: '1. Letni programi\n2. Poročila\n3. Razno' }, demo);
  await service.saveMinutes(db, actor, m1.id, { minutes: '## Zapisnik (demo)\n\nSkupina je sprejela sklepe 1–4.', attendees: [admin.id] });
  const m2 = await service.createMeeting(db, actor, group.id, { title: 'Sestanek za domoznanstvo (demo)', heldOn: service.addDays(today, -20), place: 'Celje', agenda: '1. Kamra: načrt vnosa' }, demo);

  const decide = (meetingId: number, title: string, due: number, status: 'open' | 'in_progress' | 'done' | 'dropped', regionId: string | null, ownerId: number, evidence = '') =>
    service.createDecision(db, actor, meetingId, { title, ownerId, dueOn: service.addDays(today, due), regionId }, { ...demo, status, evidence, doneOn: status === 'done' ? service.addDays(today, -10) : undefined });
  await decide(m1.id, 'Vsaka OOK pošlje osnutek letnega programa (demo)', -30, 'done', null, admin.id, 'Osnutki so v skupni mapi (demo).');
  await decide(m1.id, 'Pripraviti skupni obrazec poročila (demo)', -5, 'open', 'kranj', owner('coordinator'));
  await decide(m1.id, 'Uskladiti kazalnike za svetovanje (demo)', 20, 'in_progress', 'celje', owner('librarian'));
  await decide(m1.id, 'Skupni nakup e-virov (demo)', 40, 'dropped', null, admin.id);
  await decide(m2.id, 'Načrt vnosa v Kamro za leto (demo)', 30, 'open', 'celje', admin.id);

  const year = Number(today.slice(0, 4));
  for (const [regionId, scale] of [
    ['kranj', 1],
    ['celje', 1.3],
    ['ljubljana', 2],
  ] as const) {
    const libraries = (await listLibraryRefs(db, { regionId })).slice(0, 3).map((l) => l.id);
    const last = await service.createProgramme(db, actor, { regionId, year: year - 1 }, demo);
    const made = [];
    for (const t of targets) made.push(await service.addTarget(db, actor, last.id, { ...t, target: Math.round(t.target * scale), libraryIds: t.task === 'help' ? libraries : [] }));
    const lines = [];
    for (const b of budget) lines.push(await service.addBudgetLine(db, actor, last.id, { task: b.task, costKind: b.kind, plannedCents: Math.round(b.planned * scale) }));
    await service.submitProgramme(db, actor, last.id);
    for (let quarter = 1; quarter <= 4; quarter++) {
      await service.recordProgress(db, actor, last.id, quarter, Object.fromEntries(made.map((m, i) => [m.id, Math.round((targets[i]!.quarters?.[quarter - 1] ?? 0) * scale)])));
    }
    for (const [i, line] of lines.entries()) await service.recordSpent(db, actor, line.id, Math.round(budget[i]!.spent * scale));
    await service.saveReportText(db, actor, last.id, `Območna knjižnica je v letu ${year - 1} izvedla posebne naloge po programu. *Besedilo je demonstracijsko.*`);
    if (regionId !== 'ljubljana') {
      const next = await service.createProgramme(db, actor, { regionId, year }, demo);
      for (const t of targets.slice(0, 3)) await service.addTarget(db, actor, next.id, { ...t, target: Math.round(t.target * scale * 1.05), libraryIds: [] });
      for (const b of budget.slice(0, 2)) await service.addBudgetLine(db, actor, next.id, { task: b.task, costKind: b.kind, plannedCents: Math.round(b.planned * scale * 1.05) });
    }
  }
  return true;
}
