import { recordAudit, type Actor } from '../../audit/audit-log.js';
import type { Db } from '../../db/database.js';
import type { CurrentUser } from '../../web/access.js';
import { forbidden, invalid, notFound, type FieldError } from '../../web/errors.js';
import { notifyDecisionAssigned, notifyDecisionReminder } from './notify.js';
import { canCreateProgramme, canEditProgramme, canManageCoordination, canReportOnProgramme, canUpdateDecision } from './policy.js';
import * as q from './queries.js';
import { costKinds, decisionStatuses, groupKinds, specialTasks, type CostKind, type Decision, type DecisionStatus, type GroupKind, type Programme, type SpecialTask } from './tables.js';

// The rules of the coordination: what may be recorded and changed, one transaction per change with
// its audit entry, and the owner's notifications in the same transaction.

const actorOf = (user: CurrentUser): Actor => ({ id: user.id, email: user.email });
const now = () => new Date().toISOString();
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Ljubljana as YYYY-MM-DD (a decision due "today" is not yet overdue). */
export function todayInLjubljana(at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Ljubljana', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The day `days` after an ISO day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function validDate(value: string | undefined): boolean {
  if (!value || !isoDate.test(value)) return false;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function requireText(errors: FieldError[], field: string, value: string | undefined, max = 500): string {
  const text = (value ?? '').trim();
  if (!text) errors.push({ field, key: 'validation.required' });
  else if (text.length > max) errors.push({ field, key: 'coordination.error.tooLong', values: { max } });
  return text;
}

function fail(errors: FieldError[]): void {
  if (errors.length > 0) throw invalid(errors);
}

// ---- groups

export interface GroupInput {
  kind: string;
  name: string;
  remit?: string;
  outputs?: string;
  regionId?: string | null;
}

export async function createGroup(db: Db, user: CurrentUser, input: GroupInput, options: { demo?: boolean } = {}) {
  if (!canManageCoordination(user)) throw forbidden();
  const errors: FieldError[] = [];
  if (!(groupKinds as readonly string[]).includes(input.kind)) errors.push({ field: 'kind', key: 'coordination.error.kind' });
  const name = requireText(errors, 'name', input.name, 200);
  fail(errors);
  return db.transaction().execute(async (tx) => {
    const group = await q.insertGroup(tx, {
      kind: input.kind as GroupKind,
      name,
      remit: (input.remit ?? '').trim(),
      outputs: (input.outputs ?? '').trim(),
      region_id: input.regionId ?? null,
      is_demo: options.demo ? 1 : 0,
      created_at: now(),
    });
    await recordAudit(tx, actorOf(user), { action: 'create', entity: 'coordination_group', entityId: group.id, after: group });
    return group;
  });
}

export async function addMember(db: Db, user: CurrentUser, groupId: number, input: { userId: number; role?: string; termFrom?: string; termTo?: string | null }) {
  if (!canManageCoordination(user)) throw forbidden();
  const group = await q.getGroup(db, groupId);
  if (!group) throw notFound('coordination.group.notFound');
  const errors: FieldError[] = [];
  if (!Number.isInteger(input.userId) || input.userId < 1) errors.push({ field: 'user_id', key: 'validation.required' });
  if (!validDate(input.termFrom)) errors.push({ field: 'term_from', key: 'coordination.error.date' });
  if (input.termTo && !validDate(input.termTo)) errors.push({ field: 'term_to', key: 'coordination.error.date' });
  if (input.termTo && validDate(input.termFrom) && input.termTo < input.termFrom!) errors.push({ field: 'term_to', key: 'coordination.error.termOrder' });
  fail(errors);
  const row = { group_id: groupId, user_id: input.userId, member_role: (input.role ?? 'member').trim() || 'member', term_from: input.termFrom!, term_to: input.termTo || null };
  await db.transaction().execute(async (tx) => {
    await q.upsertMember(tx, row);
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'coordination_member', entityId: `${groupId}/${input.userId}`, after: row });
  });
}

// ---- meetings

export interface MeetingInput {
  title: string;
  heldOn: string;
  place?: string;
  agenda?: string;
}

export async function createMeeting(db: Db, user: CurrentUser, groupId: number, input: MeetingInput, options: { demo?: boolean } = {}) {
  if (!canManageCoordination(user)) throw forbidden();
  const group = await q.getGroup(db, groupId);
  if (!group) throw notFound('coordination.group.notFound');
  const errors: FieldError[] = [];
  const title = requireText(errors, 'title', input.title, 200);
  if (!validDate(input.heldOn)) errors.push({ field: 'held_on', key: 'coordination.error.date' });
  fail(errors);
  return db.transaction().execute(async (tx) => {
    const meeting = await q.insertMeeting(tx, {
      group_id: groupId,
      title,
      held_on: input.heldOn,
      place: (input.place ?? '').trim(),
      agenda: (input.agenda ?? '').trim(),
      minutes: '',
      is_demo: options.demo ? 1 : 0,
      created_at: now(),
    });
    await recordAudit(tx, actorOf(user), { action: 'create', entity: 'coordination_meeting', entityId: meeting.id, after: meeting });
    return meeting;
  });
}

/** The minutes (Markdown) and who attended. */
export async function saveMinutes(db: Db, user: CurrentUser, meetingId: number, input: { minutes: string; attendees: number[] }) {
  if (!canManageCoordination(user)) throw forbidden();
  const meeting = await q.getMeeting(db, meetingId);
  if (!meeting) throw notFound('coordination.meeting.notFound');
  const errors: FieldError[] = [];
  if (input.minutes.length > 50_000) errors.push({ field: 'minutes', key: 'coordination.error.tooLong', values: { max: 50_000 } });
  fail(errors);
  await db.transaction().execute(async (tx) => {
    await q.updateMinutes(tx, meetingId, input.minutes.trim());
    await q.replaceAttendance(tx, meetingId, [...new Set(input.attendees)]);
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'coordination_meeting', entityId: meetingId, before: { minutes: meeting.minutes }, after: { minutes: input.minutes, attendees: input.attendees } });
  });
}

// ---- decisions

export interface DecisionInput {
  title: string;
  ownerId: number;
  dueOn: string;
  regionId?: string | null;
}

/** Records a decision of a meeting and tells its owner. `owners` are the ids a decision may be given to. */
export async function createDecision(db: Db, user: CurrentUser, meetingId: number, input: DecisionInput, options: { demo?: boolean; status?: DecisionStatus; evidence?: string; doneOn?: string } = {}): Promise<Decision> {
  if (!canManageCoordination(user)) throw forbidden();
  const meeting = await q.getMeeting(db, meetingId);
  if (!meeting) throw notFound('coordination.meeting.notFound');
  const errors: FieldError[] = [];
  const title = requireText(errors, 'title', input.title, 500);
  if (!Number.isInteger(input.ownerId) || input.ownerId < 1) errors.push({ field: 'owner_id', key: 'validation.required' });
  if (!validDate(input.dueOn)) errors.push({ field: 'due_on', key: 'coordination.error.date' });
  else if (input.dueOn < meeting.held_on) errors.push({ field: 'due_on', key: 'coordination.error.dueBeforeMeeting', values: { date: meeting.held_on } });
  fail(errors);
  return db.transaction().execute(async (tx) => {
    const at = now();
    const decision = await q.insertDecision(tx, {
      meeting_id: meetingId,
      group_id: meeting.group_id,
      region_id: input.regionId || null,
      title,
      owner_id: input.ownerId,
      due_on: input.dueOn,
      status: options.status ?? 'open',
      evidence: options.evidence ?? '',
      done_on: options.doneOn ?? null,
      is_demo: options.demo ? 1 : 0,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(tx, actorOf(user), { action: 'create', entity: 'coordination_decision', entityId: decision.id, after: decision });
    if (!options.demo) await notifyDecisionAssigned(tx, decision);
    return decision;
  });
}

/** A decision's new status; "done" needs evidence of completion. */
export async function updateDecision(db: Db, user: CurrentUser, id: number, input: { status: string; evidence?: string }): Promise<Decision> {
  const decision = await q.getDecision(db, id);
  if (!decision) throw notFound('coordination.decision.notFound');
  if (!canUpdateDecision(user, decision)) throw forbidden();
  const errors: FieldError[] = [];
  if (!(decisionStatuses as readonly string[]).includes(input.status)) errors.push({ field: 'status', key: 'coordination.error.status' });
  const evidence = (input.evidence ?? '').trim();
  if (input.status === 'done' && !evidence) errors.push({ field: 'evidence', key: 'coordination.error.evidence' });
  if (evidence.length > 2000) errors.push({ field: 'evidence', key: 'coordination.error.tooLong', values: { max: 2000 } });
  fail(errors);
  return db.transaction().execute(async (tx) => {
    const status = input.status as DecisionStatus;
    const after = await q.updateDecisionRow(tx, id, { status, evidence, done_on: status === 'done' ? (decision.done_on ?? todayInLjubljana()) : null, updated_at: now() });
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'coordination_decision', entityId: id, before: { status: decision.status, evidence: decision.evidence }, after: { status, evidence } });
    return after;
  });
}

/**
 * Reminds the owners of open decisions due within `withinDays` (or overdue) who were not reminded
 * today; each decision once a day. Returns the decisions reminded. Run by the daily job and on demand.
 */
export async function sendDecisionReminders(db: Db, options: { today?: string; withinDays?: number; only?: number } = {}): Promise<Decision[]> {
  const today = options.today ?? todayInLjubljana();
  const due = (await q.decisionsToRemind(db, today, addDays(today, options.withinDays ?? 7))).filter((d) => options.only === undefined || d.id === options.only);
  if (due.length === 0) return [];
  await db.transaction().execute(async (tx) => {
    for (const d of due) await notifyDecisionReminder(tx, d);
    await q.markReminded(
      tx,
      due.map((d) => d.id),
      today,
    );
  });
  return due;
}

/** One decision's reminder, asked for by a coordinator from its page (whatever its due date; once a day). */
export async function remindOwner(db: Db, user: CurrentUser, id: number): Promise<boolean> {
  if (!canManageCoordination(user)) throw forbidden();
  const decision = await q.getDecision(db, id);
  if (!decision) throw notFound('coordination.decision.notFound');
  const sent = await sendDecisionReminders(db, { withinDays: 100_000, only: id });
  return sent.length > 0;
}

// ---- programmes

export async function createProgramme(db: Db, user: CurrentUser, input: { regionId: string; year: number }, options: { demo?: boolean } = {}): Promise<Programme> {
  if (!input.regionId) throw invalid([{ field: 'region_id', key: 'validation.required' }]);
  if (!canCreateProgramme(user, input.regionId)) throw forbidden();
  const errors: FieldError[] = [];
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) errors.push({ field: 'year', key: 'coordination.error.year' });
  if (errors.length === 0 && (await q.findProgramme(db, input.regionId, input.year))) errors.push({ field: 'year', key: 'coordination.error.programmeExists', values: { year: String(input.year) } });
  fail(errors);
  return db.transaction().execute(async (tx) => {
    const at = now();
    const programme = await q.insertProgramme(tx, { region_id: input.regionId, year: input.year, status: 'draft', report_text: '', is_demo: options.demo ? 1 : 0, created_at: at, updated_at: at });
    await recordAudit(tx, actorOf(user), { action: 'create', entity: 'coordination_programme', entityId: programme.id, after: programme });
    return programme;
  });
}

async function programmeFor(db: Db, id: number): Promise<Programme> {
  const programme = await q.getProgramme(db, id);
  if (!programme) throw notFound('coordination.programme.notFound');
  return programme;
}

const parseTask = (errors: FieldError[], task: string): SpecialTask => {
  if (!(specialTasks as readonly string[]).includes(task)) errors.push({ field: 'task', key: 'coordination.error.task' });
  return task as SpecialTask;
};

export interface TargetInput {
  task: string;
  activity: string;
  indicator: string;
  target: number;
  libraryIds?: string[];
}

export async function addTarget(db: Db, user: CurrentUser, programmeId: number, input: TargetInput) {
  const programme = await programmeFor(db, programmeId);
  if (!canEditProgramme(user, programme)) throw forbidden();
  const errors: FieldError[] = [];
  const task = parseTask(errors, input.task);
  const activity = requireText(errors, 'activity', input.activity, 300);
  const indicator = requireText(errors, 'indicator', input.indicator, 120);
  if (!Number.isInteger(input.target) || input.target < 0 || input.target > 1_000_000_000) errors.push({ field: 'target', key: 'coordination.error.wholeNumber' });
  fail(errors);
  return db.transaction().execute(async (tx) => {
    const target = await q.insertTarget(tx, { programme_id: programmeId, task, activity, indicator, target: input.target, library_ids: (input.libraryIds ?? []).join(',') });
    await q.updateProgrammeRow(tx, programmeId, { updated_at: now() });
    await recordAudit(tx, actorOf(user), { action: 'create', entity: 'coordination_target', entityId: target.id, after: target });
    return target;
  });
}

export async function removeTarget(db: Db, user: CurrentUser, targetId: number) {
  const target = await q.getTarget(db, targetId);
  if (!target) throw notFound('coordination.programme.notFound');
  const programme = await programmeFor(db, target.programme_id);
  if (!canEditProgramme(user, programme)) throw forbidden();
  await db.transaction().execute(async (tx) => {
    await q.deleteTarget(tx, targetId);
    await recordAudit(tx, actorOf(user), { action: 'delete', entity: 'coordination_target', entityId: targetId, before: target });
  });
  return programme;
}

export async function addBudgetLine(db: Db, user: CurrentUser, programmeId: number, input: { task: string; costKind: string; description?: string; plannedCents: number }) {
  const programme = await programmeFor(db, programmeId);
  if (!canEditProgramme(user, programme)) throw forbidden();
  const errors: FieldError[] = [];
  const task = parseTask(errors, input.task);
  if (!(costKinds as readonly string[]).includes(input.costKind)) errors.push({ field: 'cost_kind', key: 'coordination.error.costKind' });
  if (!Number.isInteger(input.plannedCents) || input.plannedCents < 0 || input.plannedCents > 100_000_000_000) errors.push({ field: 'planned', key: 'coordination.error.amount' });
  fail(errors);
  return db.transaction().execute(async (tx) => {
    const line = await q.insertBudgetLine(tx, { programme_id: programmeId, task, cost_kind: input.costKind as CostKind, description: (input.description ?? '').trim(), planned_cents: input.plannedCents, spent_cents: 0 });
    await recordAudit(tx, actorOf(user), { action: 'create', entity: 'coordination_budget_line', entityId: line.id, after: line });
    return line;
  });
}

/** Money spent on a budget line (for the report's financial part): the OOK's coordinator, any status. */
export async function recordSpent(db: Db, user: CurrentUser, lineId: number, spentCents: number) {
  const line = await q.getBudgetLine(db, lineId);
  if (!line) throw notFound('coordination.programme.notFound');
  const programme = await programmeFor(db, line.programme_id);
  if (!canReportOnProgramme(user, programme)) throw forbidden();
  if (!Number.isInteger(spentCents) || spentCents < 0 || spentCents > 100_000_000_000) throw invalid([{ field: `spent_${lineId}`, key: 'coordination.error.amount' }]);
  await db.transaction().execute(async (tx) => {
    await q.setBudgetSpent(tx, lineId, spentCents);
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'coordination_budget_line', entityId: lineId, before: { spent_cents: line.spent_cents }, after: { spent_cents: spentCents } });
  });
  return programme;
}

export async function submitProgramme(db: Db, user: CurrentUser, programmeId: number) {
  const programme = await programmeFor(db, programmeId);
  if (!canEditProgramme(user, programme)) throw forbidden();
  const targets = await q.listTargets(db, [programmeId]);
  if (targets.length === 0) throw invalid([{ field: 'targets', key: 'coordination.error.noTargets' }]);
  await db.transaction().execute(async (tx) => {
    const at = now();
    await q.updateProgrammeRow(tx, programmeId, { status: 'submitted', submitted_at: at, updated_at: at });
    await recordAudit(tx, actorOf(user), { action: 'submit', entity: 'coordination_programme', entityId: programmeId, before: { status: programme.status }, after: { status: 'submitted' } });
  });
}

/** Progress of each target in one quarter: values by target id (absent: unchanged). */
export async function recordProgress(db: Db, user: CurrentUser, programmeId: number, quarter: number, values: Record<number, number>) {
  const programme = await programmeFor(db, programmeId);
  if (!canReportOnProgramme(user, programme)) throw forbidden();
  const errors: FieldError[] = [];
  if (![1, 2, 3, 4].includes(quarter)) errors.push({ field: 'quarter', key: 'coordination.error.quarter' });
  const targets = new Set((await q.listTargets(db, [programmeId])).map((t) => t.id));
  for (const [id, value] of Object.entries(values)) {
    if (!targets.has(Number(id))) errors.push({ field: `t${id}`, key: 'coordination.error.unknownTarget' });
    else if (!Number.isInteger(value) || value < 0 || value > 1_000_000_000) errors.push({ field: `t${id}`, key: 'coordination.error.wholeNumber' });
  }
  fail(errors);
  await db.transaction().execute(async (tx) => {
    for (const [id, value] of Object.entries(values)) await q.upsertProgress(tx, { target_id: Number(id), quarter, value });
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'coordination_progress', entityId: `${programmeId}/q${quarter}`, after: values });
  });
}

/** The OOK's own words for its annual report (Markdown). */
export async function saveReportText(db: Db, user: CurrentUser, programmeId: number, text: string) {
  const programme = await programmeFor(db, programmeId);
  if (!canReportOnProgramme(user, programme)) throw forbidden();
  if (text.length > 50_000) throw invalid([{ field: 'report_text', key: 'coordination.error.tooLong', values: { max: 50_000 } }]);
  await db.transaction().execute(async (tx) => {
    await q.updateProgrammeRow(tx, programmeId, { report_text: text.trim(), updated_at: now() });
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'coordination_programme', entityId: programmeId, before: { report_text: programme.report_text }, after: { report_text: text } });
  });
}
