import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { DecisionStatus, GroupKind, ProgrammeStatus } from './tables.js';

import './tables.js';

// Every statement of the coordination module. Names of people and libraries come from the accounts
// and network modules through their index.ts; here only this module's tables.

type Q = Db | Tx;

// ---- groups and members

export async function insertGroup(db: Q, row: { kind: GroupKind; name: string; remit: string; outputs: string; region_id: string | null; is_demo: number; created_at: string }) {
  return db.insertInto('coordination_groups').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function getGroup(db: Q, id: number) {
  return db.selectFrom('coordination_groups').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The team first, then the working groups by name. */
export async function listGroups(db: Q) {
  return db.selectFrom('coordination_groups').selectAll().orderBy('kind', 'desc').orderBy('name').orderBy('id').execute();
}

export async function updateGroupOutputs(db: Q, id: number, outputs: string) {
  await db.updateTable('coordination_groups').set({ outputs }).where('id', '=', id).execute();
}

export async function upsertMember(db: Q, row: { group_id: number; user_id: number; member_role: string; term_from: string; term_to: string | null }) {
  await db.deleteFrom('coordination_members').where('group_id', '=', row.group_id).where('user_id', '=', row.user_id).execute();
  await db.insertInto('coordination_members').values(row).execute();
}

export async function listMembers(db: Q, groupId: number) {
  return db.selectFrom('coordination_members').selectAll().where('group_id', '=', groupId).orderBy('term_from').orderBy('user_id').execute();
}

// ---- meetings

export async function insertMeeting(db: Q, row: { group_id: number; title: string; held_on: string; place: string; agenda: string; minutes: string; is_demo: number; created_at: string }) {
  return db.insertInto('coordination_meetings').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function getMeeting(db: Q, id: number) {
  return db.selectFrom('coordination_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listMeetings(db: Q, groupId: number) {
  return db.selectFrom('coordination_meetings').selectAll().where('group_id', '=', groupId).orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
}

export async function updateMinutes(db: Q, id: number, minutes: string) {
  await db.updateTable('coordination_meetings').set({ minutes }).where('id', '=', id).execute();
}

export async function replaceAttendance(db: Q, meetingId: number, userIds: readonly number[]) {
  await db.deleteFrom('coordination_attendance').where('meeting_id', '=', meetingId).execute();
  if (userIds.length > 0) await db.insertInto('coordination_attendance').values(userIds.map((user_id) => ({ meeting_id: meetingId, user_id }))).execute();
}

export async function listAttendance(db: Q, meetingId: number): Promise<number[]> {
  const rows = await db.selectFrom('coordination_attendance').select('user_id').where('meeting_id', '=', meetingId).orderBy('user_id').execute();
  return rows.map((r) => r.user_id);
}

// ---- decisions

export async function insertDecision(
  db: Q,
  row: { meeting_id: number; group_id: number; region_id: string | null; title: string; owner_id: number; due_on: string; status: DecisionStatus; evidence: string; done_on: string | null; is_demo: number; created_at: string; updated_at: string },
) {
  return db.insertInto('coordination_decisions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function getDecision(db: Q, id: number) {
  return db.selectFrom('coordination_decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDecisionRow(db: Q, id: number, changes: { status: DecisionStatus; evidence: string; done_on: string | null; updated_at: string }) {
  return db.updateTable('coordination_decisions').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export interface DecisionFilter {
  groupId?: number;
  regionId?: string;
  meetingId?: number;
  ownerId?: number;
  status?: DecisionStatus;
  /** Today (YYYY-MM-DD): what is still open and due before it counts as overdue and comes first. */
  today: string;
  limit: number;
  offset: number;
}

/** Decisions for the board: overdue first (oldest due first), then open by due date, then done and dropped. */
export async function listDecisions(db: Q, filter: DecisionFilter) {
  let query = db.selectFrom('coordination_decisions');
  if (filter.groupId !== undefined) query = query.where('group_id', '=', filter.groupId);
  if (filter.regionId !== undefined) query = query.where('region_id', '=', filter.regionId);
  if (filter.meetingId !== undefined) query = query.where('meeting_id', '=', filter.meetingId);
  if (filter.ownerId !== undefined) query = query.where('owner_id', '=', filter.ownerId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  const rank = sql<number>`case when status in ('open', 'in_progress') and due_on < ${filter.today} then 0 when status in ('open', 'in_progress') then 1 when status = 'done' then 2 else 3 end`;
  const [items, count] = await Promise.all([
    query.selectAll().orderBy(rank).orderBy('due_on').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
    query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Open decisions due on or before `horizon` whose owner was not reminded today. */
export async function decisionsToRemind(db: Q, today: string, horizon: string) {
  return db
    .selectFrom('coordination_decisions')
    .selectAll()
    .where('status', 'in', ['open', 'in_progress'])
    .where('due_on', '<=', horizon)
    .where((eb) => eb.or([eb('reminded_on', 'is', null), eb('reminded_on', '<', today)]))
    .orderBy('due_on')
    .orderBy('id')
    .execute();
}

export async function markReminded(db: Q, ids: readonly number[], today: string) {
  if (ids.length === 0) return;
  await db.updateTable('coordination_decisions').set({ reminded_on: today }).where('id', 'in', [...ids]).execute();
}

// ---- programmes

export async function insertProgramme(db: Q, row: { region_id: string; year: number; status: ProgrammeStatus; report_text: string; is_demo: number; created_at: string; updated_at: string }) {
  return db.insertInto('coordination_programmes').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function getProgramme(db: Q, id: number) {
  return db.selectFrom('coordination_programmes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProgramme(db: Q, regionId: string, year: number) {
  return db.selectFrom('coordination_programmes').selectAll().where('region_id', '=', regionId).where('year', '=', year).executeTakeFirst();
}

export async function listProgrammes(db: Q, filter: { year?: number; regionId?: string; limit: number; offset: number }) {
  let query = db.selectFrom('coordination_programmes');
  if (filter.year !== undefined) query = query.where('year', '=', filter.year);
  if (filter.regionId !== undefined) query = query.where('region_id', '=', filter.regionId);
  const [items, count] = await Promise.all([
    query.selectAll().orderBy('year', 'desc').orderBy('region_id').limit(filter.limit).offset(filter.offset).execute(),
    query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function programmeYears(db: Q): Promise<number[]> {
  const rows = await db.selectFrom('coordination_programmes').select('year').distinct().orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

export async function updateProgrammeRow(db: Q, id: number, changes: { status?: ProgrammeStatus; report_text?: string; submitted_at?: string | null; updated_at: string }) {
  await db.updateTable('coordination_programmes').set(changes).where('id', '=', id).execute();
}

export async function insertTarget(db: Q, row: { programme_id: number; task: string; activity: string; indicator: string; target: number; library_ids: string }) {
  return db
    .insertInto('coordination_targets')
    .values(row as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getTarget(db: Q, id: number) {
  return db.selectFrom('coordination_targets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTargets(db: Q, programmeIds: readonly number[]) {
  if (programmeIds.length === 0) return [];
  return db.selectFrom('coordination_targets').selectAll().where('programme_id', 'in', [...programmeIds]).orderBy('programme_id').orderBy('id').execute();
}

export async function deleteTarget(db: Q, id: number) {
  await db.deleteFrom('coordination_targets').where('id', '=', id).execute();
}

export async function upsertProgress(db: Q, row: { target_id: number; quarter: number; value: number }) {
  await db.deleteFrom('coordination_progress').where('target_id', '=', row.target_id).where('quarter', '=', row.quarter).execute();
  await db.insertInto('coordination_progress').values(row).execute();
}

export async function listProgress(db: Q, targetIds: readonly number[]) {
  if (targetIds.length === 0) return [];
  return db.selectFrom('coordination_progress').selectAll().where('target_id', 'in', [...targetIds]).orderBy('target_id').orderBy('quarter').execute();
}

export async function insertBudgetLine(db: Q, row: { programme_id: number; task: string; cost_kind: string; description: string; planned_cents: number; spent_cents: number }) {
  return db
    .insertInto('coordination_budget_lines')
    .values(row as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getBudgetLine(db: Q, id: number) {
  return db.selectFrom('coordination_budget_lines').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setBudgetSpent(db: Q, id: number, spent_cents: number) {
  await db.updateTable('coordination_budget_lines').set({ spent_cents }).where('id', '=', id).execute();
}

export async function listBudgetLines(db: Q, programmeIds: readonly number[]) {
  if (programmeIds.length === 0) return [];
  return db.selectFrom('coordination_budget_lines').selectAll().where('programme_id', 'in', [...programmeIds]).orderBy('programme_id').orderBy('id').execute();
}

/** Whether any coordination content exists (the demo seed runs only on an empty module). */
export async function hasAnyGroup(db: Q): Promise<boolean> {
  return (await db.selectFrom('coordination_groups').select('id').limit(1).executeTakeFirst()) !== undefined;
}
