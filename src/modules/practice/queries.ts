// The practice module's SQL: practices, their tags and results, adoptions, questions and topics.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { Practice, PracticeAdoption, PracticeQuestion, PracticeResult, PracticeStatus, PracticeTable, PracticeTopic } from './tables.js';
import './tables.js';

type Conn = Db | Tx;

/** The topics, in the admin's order. */
export async function listTopics(db: Conn): Promise<PracticeTopic[]> {
  return db.selectFrom('practice_topics').selectAll().orderBy('sort').orderBy('id').execute();
}

/** Adds a topic or renames it. */
export async function upsertTopic(db: Conn, topic: PracticeTopic): Promise<void> {
  const found = await db.selectFrom('practice_topics').select('id').where('id', '=', topic.id).executeTakeFirst();
  if (found) await db.updateTable('practice_topics').set({ name_sl: topic.name_sl, name_en: topic.name_en, sort: topic.sort }).where('id', '=', topic.id).execute();
  else await db.insertInto('practice_topics').values(topic).execute();
}

export type NewPracticeRow = Omit<PracticeTable, 'id'>;

export async function insertPractice(db: Conn, row: NewPracticeRow): Promise<number> {
  const inserted = await db.insertInto('practices').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updatePractice(db: Conn, id: number, changes: Partial<NewPracticeRow>): Promise<void> {
  await db.updateTable('practices').set(changes).where('id', '=', id).execute();
}

export async function getPractice(db: Conn, id: number): Promise<Practice | undefined> {
  return db.selectFrom('practices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Replaces a practice's topics or target groups. */
export async function setTags(db: Conn, practiceId: number, kind: 'topic' | 'group', values: readonly string[]): Promise<void> {
  await db.deleteFrom('practice_tags').where('practice_id', '=', practiceId).where('kind', '=', kind).execute();
  if (values.length > 0) await db.insertInto('practice_tags').values(values.map((value) => ({ practice_id: practiceId, kind, value }))).execute();
}

/** The tags of these practices: practice id → { topics, groups }. */
export async function tagsOf(db: Conn, ids: readonly number[]): Promise<Map<number, { topics: string[]; groups: string[] }>> {
  const out = new Map<number, { topics: string[]; groups: string[] }>();
  for (const id of ids) out.set(id, { topics: [], groups: [] });
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('practice_tags').selectAll().where('practice_id', 'in', ids).orderBy('value').execute();
  for (const r of rows) out.get(r.practice_id)?.[r.kind === 'topic' ? 'topics' : 'groups'].push(r.value);
  return out;
}

export type ResultInput = Omit<PracticeResult, 'id' | 'practice_id' | 'adoption_id' | 'position'>;

/** Replaces the results of a practice (adoptionId null) or of one adoption. */
export async function setResults(db: Conn, practiceId: number, adoptionId: number | null, results: readonly ResultInput[]): Promise<void> {
  let del = db.deleteFrom('practice_results').where('practice_id', '=', practiceId);
  del = adoptionId === null ? del.where('adoption_id', 'is', null) : del.where('adoption_id', '=', adoptionId);
  await del.execute();
  if (results.length > 0) {
    await db
      .insertInto('practice_results')
      .values(results.map((r, position) => ({ ...r, practice_id: practiceId, adoption_id: adoptionId, position })))
      .execute();
  }
}

/** Every result of these practices and their adoptions, in order. */
export async function resultsOf(db: Conn, practiceIds: readonly number[]): Promise<PracticeResult[]> {
  if (practiceIds.length === 0) return [];
  return db.selectFrom('practice_results').selectAll().where('practice_id', 'in', practiceIds).orderBy('practice_id').orderBy('adoption_id').orderBy('position').execute();
}

export async function insertAdoption(db: Conn, row: Omit<PracticeAdoption, 'id'>): Promise<number> {
  const inserted = await db.insertInto('practice_adoptions').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Whether a library already recorded adopting a practice. */
export async function hasAdopted(db: Conn, practiceId: number, libraryId: string): Promise<boolean> {
  const row = await db.selectFrom('practice_adoptions').select('id').where('practice_id', '=', practiceId).where('library_id', '=', libraryId).executeTakeFirst();
  return row !== undefined;
}

/** The adoptions of these practices, oldest first (the trail's order). */
export async function adoptionsOf(db: Conn, practiceIds: readonly number[]): Promise<PracticeAdoption[]> {
  if (practiceIds.length === 0) return [];
  return db.selectFrom('practice_adoptions').selectAll().where('practice_id', 'in', practiceIds).orderBy('adopted_on').orderBy('id').execute();
}

export async function insertQuestion(db: Conn, row: Omit<PracticeQuestion, 'id'>): Promise<void> {
  await db.insertInto('practice_questions').values(row).execute();
}

export async function questionsOf(db: Conn, practiceId: number): Promise<PracticeQuestion[]> {
  return db.selectFrom('practice_questions').selectAll().where('practice_id', '=', practiceId).orderBy('asked_at').orderBy('id').execute();
}

export const practiceSorts = ['published', 'title', 'adoptions', 'year'] as const;
export type PracticeSort = (typeof practiceSorts)[number];

/** What a list of practices selects; each filter left out means all. */
export interface PracticeFilter {
  statuses?: readonly PracticeStatus[];
  /** Only these ids (the content search's matches). */
  ids?: readonly number[];
  libraryId?: string;
  regionId?: string;
  topic?: string;
  group?: string;
  year?: number;
  costBand?: string;
}

export type PracticeListRow = Practice & { adoptions: number };

function filtered(db: Conn, f: PracticeFilter) {
  let query = db.selectFrom('practices');
  if (f.statuses) query = query.where('status', 'in', f.statuses.length > 0 ? [...f.statuses] : ['-' as PracticeStatus]);
  if (f.ids) query = query.where('id', 'in', f.ids.length > 0 ? [...f.ids] : [-1]);
  if (f.libraryId !== undefined) query = query.where('library_id', '=', f.libraryId);
  if (f.regionId !== undefined) query = query.where('region_id', '=', f.regionId);
  if (f.year !== undefined) query = query.where('year', '=', f.year);
  if (f.costBand !== undefined) query = query.where('cost_band', '=', f.costBand as never);
  for (const [kind, value] of [['topic', f.topic], ['group', f.group]] as const) {
    if (value !== undefined) {
      query = query.where('id', 'in', (qb) => qb.selectFrom('practice_tags').select('practice_id').where('kind', '=', kind).where('value', '=', value));
    }
  }
  return query;
}

/** One page of practices with their adoption counts, and how many the filter selects. */
export async function listPractices(
  db: Conn,
  f: PracticeFilter & { sort?: PracticeSort; order?: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ items: PracticeListRow[]; total: number }> {
  const adoptions = sql<number>`(select count(*) from practice_adoptions a where a.practice_id = practices.id)`;
  const order = f.order ?? (f.sort === 'title' ? 'asc' : 'desc');
  let query = filtered(db, f).selectAll('practices').select(adoptions.as('adoptions'));
  if (f.sort === 'title') query = query.orderBy('title', order);
  else if (f.sort === 'adoptions') query = query.orderBy(adoptions, order);
  else if (f.sort === 'year') query = query.orderBy('year', order);
  else query = query.orderBy(sql`coalesce(published_at, updated_at)`, order);
  const [rows, count] = await Promise.all([
    query.orderBy('id', order).limit(f.limit).offset(f.offset).execute(),
    filtered(db, f).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => ({ ...r, adoptions: Number(r.adoptions) })), total: Number(count.n) };
}

/** The facet fields of every practice a filter selects (small: practices number in the hundreds), for counts beside each facet. */
export async function facetRows(db: Conn, f: PracticeFilter): Promise<{ id: number; library_id: string; region_id: string; year: number; cost_band: string }[]> {
  return filtered(db, f).select(['id', 'library_id', 'region_id', 'year', 'cost_band']).execute();
}

/** Every adoption of a published practice with where it came from, for the travel statistics. */
export async function travelRows(db: Conn): Promise<
  { adoption_id: number; practice_id: number; title: string; is_demo: number; from_library: string; from_region: string; to_library: string; to_region: string; adopted_on: string }[]
> {
  return db
    .selectFrom('practice_adoptions as a')
    .innerJoin('practices as p', 'p.id', 'a.practice_id')
    .where('p.status', '=', 'published')
    .select([
      'a.id as adoption_id',
      'p.id as practice_id',
      'p.title',
      'p.is_demo',
      'p.library_id as from_library',
      'p.region_id as from_region',
      'a.library_id as to_library',
      'a.region_id as to_region',
      'a.adopted_on',
    ])
    .orderBy('a.adopted_on')
    .execute();
}

/** Published practices per region and year. */
export async function publishedCounts(db: Conn): Promise<{ region_id: string; library_id: string; year: number }[]> {
  return db.selectFrom('practices').select(['region_id', 'library_id', 'year']).where('status', '=', 'published').execute();
}

/** Whether any practice exists (demo seeding runs on an empty module). */
export async function anyPractice(db: Conn): Promise<boolean> {
  return (await db.selectFrom('practices').select('id').limit(1).executeTakeFirst()) !== undefined;
}
