// The rules of good practice: what a practice must hold, its review (draft → submitted →
// returned → published), adoptions, questions, attachments. One transaction per change, with its
// audit entry, its search-index entry and its notifications.
import { recordAudit, type Actor } from '../../audit/audit-log.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import { isImageType, type FileRow, type FileService } from '../../services/files/index.js';
import { indexContent, renderMarkdown } from '../../services/text/index.js';
import type { CurrentUser } from '../../web/access.js';
import { forbidden, invalid, notFound, type FieldError } from '../../web/errors.js';
import { getLibraryRef } from '../network/index.js';
import { notifyPractice } from './notify.js';
import { canAdopt, canAsk, canCreateFor, canEdit, canEditTopics, canReview, canSubmit, canView } from './policy.js';
import * as q from './queries.js';
import { costBands, efforts, targetGroups, type Practice, type PracticeTopic } from './tables.js';

const now = () => new Date().toISOString();
const actorOf = (user: CurrentUser): Actor => ({ id: user.id, email: user.email });
/** The file owner kind of practices (attachments and photos). */
export const practiceFileKind = 'practice';

/** One result row as typed in a form (text), before it is checked. */
export interface ResultText {
  indicator?: string;
  unit?: string;
  before?: string;
  before_date?: string;
  after?: string;
  after_date?: string;
}

/** A practice as typed in its form. */
export interface PracticeInput {
  title?: string;
  language?: string;
  problem?: string;
  actions?: string;
  partners?: string;
  contact_name?: string;
  contact_email?: string;
  links?: string;
  cost_band?: string;
  effort?: string;
  year?: string;
  topics?: string[];
  groups?: string[];
  results?: ResultText[];
}

/** An adoption as typed in its form. */
export interface AdoptionInput {
  adopted_on?: string;
  changes?: string;
  results?: ResultText[];
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const parseNumber = (s: string): number | null => {
  const t = s.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
};
const text = (s: string | undefined) => (s ?? '').trim();

/** Checks result rows: empty rows are skipped; a started row needs an indicator, a unit, an after figure and its date. */
export function checkResults(rows: readonly ResultText[], errors: FieldError[], atLeastOne: boolean): q.ResultInput[] {
  const out: q.ResultInput[] = [];
  rows.forEach((r, i) => {
    const f = (name: string) => `results_${i}_${name}`;
    const values = [r.indicator, r.unit, r.before, r.before_date, r.after, r.after_date].map(text);
    if (values.every((v) => v === '')) return;
    const [indicator, unit, before, beforeDate, after, afterDate] = values as [string, string, string, string, string, string];
    const before_value = before === '' ? null : parseNumber(before);
    const after_value = parseNumber(after);
    const n = errors.length;
    if (indicator === '' || indicator.length > 200) errors.push({ field: f('indicator'), key: 'practice.error.indicator' });
    if (unit === '' || unit.length > 40) errors.push({ field: f('unit'), key: 'practice.error.unit' });
    if (before !== '' && before_value === null) errors.push({ field: f('before'), key: 'practice.error.number' });
    if (before !== '' && !isDate(beforeDate)) errors.push({ field: f('before_date'), key: 'practice.error.beforeDate' });
    if (after_value === null) errors.push({ field: f('after'), key: after === '' ? 'practice.error.after' : 'practice.error.number' });
    if (!isDate(afterDate)) errors.push({ field: f('after_date'), key: 'practice.error.date' });
    else if (before !== '' && isDate(beforeDate) && beforeDate > afterDate) errors.push({ field: f('after_date'), key: 'practice.error.dateOrder' });
    if (errors.length === n) out.push({ indicator, unit, before_value, before_date: before === '' ? null : beforeDate, after_value: after_value!, after_date: afterDate });
  });
  if (atLeastOne && out.length === 0 && !errors.some((e) => e.field.startsWith('results_'))) errors.push({ field: 'results_0_indicator', key: 'practice.error.noResults' });
  return out;
}

/** The checked practice, or the faults of its fields. */
export function checkPractice(input: PracticeInput, topics: readonly PracticeTopic[]) {
  const errors: FieldError[] = [];
  const title = text(input.title);
  const problem = text(input.problem);
  const actions = text(input.actions);
  if (title === '') errors.push({ field: 'title', key: 'practice.error.title' });
  else if (title.length > 200) errors.push({ field: 'title', key: 'practice.error.tooLong', values: { max: 200 } });
  const language = input.language === 'en' ? 'en' : 'sl';
  if (problem === '') errors.push({ field: 'problem', key: 'practice.error.problem' });
  if (actions === '') errors.push({ field: 'actions', key: 'practice.error.actions' });
  for (const [field, value] of [['problem', problem], ['actions', actions]] as const) {
    if (value.length > 20_000) errors.push({ field, key: 'practice.error.tooLong', values: { max: 20000 } });
  }
  const contactEmail = text(input.contact_email);
  if (contactEmail !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contactEmail)) errors.push({ field: 'contact_email', key: 'practice.error.email' });
  const links = text(input.links).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const badLink = links.find((l) => !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(l));
  if (badLink) errors.push({ field: 'links', key: 'practice.error.link', values: { link: badLink.slice(0, 80) } });
  const cost = input.cost_band ?? '';
  if (!(costBands as readonly string[]).includes(cost)) errors.push({ field: 'cost_band', key: 'practice.error.choose' });
  const effort = input.effort ?? '';
  if (!(efforts as readonly string[]).includes(effort)) errors.push({ field: 'effort', key: 'practice.error.choose' });
  const year = Number(text(input.year));
  const thisYear = new Date().getUTCFullYear();
  if (!Number.isInteger(year) || year < 1990 || year > thisYear) errors.push({ field: 'year', key: 'practice.error.year', values: { max: String(thisYear) } });
  const topicIds = new Set(topics.map((t) => t.id));
  const chosenTopics = [...new Set(input.topics ?? [])];
  if (chosenTopics.length === 0 || chosenTopics.some((t) => !topicIds.has(t))) errors.push({ field: 'topics', key: 'practice.error.topics' });
  const chosenGroups = [...new Set(input.groups ?? [])];
  if (chosenGroups.length === 0 || chosenGroups.some((g) => !(targetGroups as readonly string[]).includes(g))) errors.push({ field: 'groups', key: 'practice.error.groups' });
  const results = checkResults(input.results ?? [], errors, true);
  if (errors.length > 0) throw invalid(errors);
  return {
    row: {
      title,
      language,
      problem_md: problem,
      actions_md: actions,
      partners: text(input.partners) || null,
      contact_name: text(input.contact_name) || null,
      contact_email: contactEmail || null,
      links: links.length > 0 ? links.join('\n') : null,
      cost_band: cost as Practice['cost_band'],
      effort: effort as Practice['effort'],
      year,
    } as const,
    topics: chosenTopics,
    groups: chosenGroups,
    results,
  };
}

/** Puts a practice in the content search: public once published, staff-only before. */
async function indexPractice(tx: Tx, p: Practice): Promise<void> {
  await indexContent(tx, {
    kind: 'practice',
    ownerId: String(p.id),
    title: p.title,
    body: `${renderMarkdown(p.problem_md).text}\n${renderMarkdown(p.actions_md).text}\n${p.partners ?? ''}`,
    language: p.language,
    libraryId: p.library_id,
    visibility: p.status === 'published' ? 'public' : 'staff',
  });
}

async function libraryOf(db: Db | Tx, id: string) {
  const library = await getLibraryRef(db, id);
  if (!library) throw invalid([{ field: 'library_id', key: 'practice.error.library' }]);
  return library;
}

/** A practice, or not found. */
export async function practiceById(db: Db | Tx, id: number): Promise<Practice> {
  const p = await q.getPractice(db, id);
  if (!p) throw notFound('practice.notFound');
  return p;
}

/** Writes a new practice (a draft) without the role check: the demonstration content and createPractice use it. */
export async function writePractice(db: Db, actor: Actor, libraryId: string, input: PracticeInput, options: { isDemo?: boolean } = {}): Promise<number> {
  const checked = checkPractice(input, await q.listTopics(db));
  const library = await libraryOf(db, libraryId);
  return inTransaction(db, async (tx) => {
    const at = now();
    const id = await q.insertPractice(tx, {
      ...checked.row,
      library_id: library.id,
      region_id: library.region_id,
      status: 'draft',
      is_demo: options.isDemo ? 1 : 0,
      review_comment: null,
      created_at: at,
      created_by: actor.id,
      updated_at: at,
      submitted_at: null,
      returned_at: null,
      published_at: null,
      published_by: null,
    });
    await q.setTags(tx, id, 'topic', checked.topics);
    await q.setTags(tx, id, 'group', checked.groups);
    await q.setResults(tx, id, null, checked.results);
    await indexPractice(tx, await practiceById(tx, id));
    await recordAudit(tx, actor, { action: 'create', entity: 'practice', entityId: id, after: { ...checked.row, library_id: library.id } });
    return id;
  });
}

/** A librarian (or the admin) starts a practice for a library. */
export async function createPractice(db: Db, user: CurrentUser, libraryId: string, input: PracticeInput): Promise<number> {
  if (!canCreateFor(user, libraryId)) throw forbidden();
  return writePractice(db, actorOf(user), libraryId, input);
}

/** Changes a draft or a returned practice of one's own library. */
export async function updatePractice(db: Db, user: CurrentUser, id: number, input: PracticeInput): Promise<void> {
  const before = await practiceById(db, id);
  if (!canEdit(user, before)) throw forbidden();
  const checked = checkPractice(input, await q.listTopics(db));
  await inTransaction(db, async (tx) => {
    await q.updatePractice(tx, id, { ...checked.row, updated_at: now() });
    await q.setTags(tx, id, 'topic', checked.topics);
    await q.setTags(tx, id, 'group', checked.groups);
    await q.setResults(tx, id, null, checked.results);
    await indexPractice(tx, await practiceById(tx, id));
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'practice', entityId: id, before: { title: before.title }, after: checked.row });
  });
}

async function changeStatus(db: Db, actor: Actor, p: Practice, changes: Partial<Practice>, event: Parameters<typeof notifyPractice>[3]): Promise<void> {
  const library = await getLibraryRef(db, p.library_id);
  await inTransaction(db, async (tx) => {
    await q.updatePractice(tx, p.id, changes);
    const after = await practiceById(tx, p.id);
    await indexPractice(tx, after);
    await recordAudit(tx, actor, { action: `practice.${event.kind}`, entity: 'practice', entityId: p.id, before: { status: p.status }, after: { status: after.status, comment: after.review_comment } });
    await notifyPractice(tx, after, library?.name ?? p.library_id, event, actor.id);
  });
}

/** Sends a draft (or a returned practice) to the region's coordinator. */
export async function submitPractice(db: Db, user: CurrentUser, id: number): Promise<void> {
  const p = await practiceById(db, id);
  if (!canSubmit(user, p)) throw forbidden();
  await changeStatus(db, actorOf(user), p, { status: 'submitted', submitted_at: now() }, { kind: 'submitted' });
}

/** The coordinator returns a submitted practice with a comment (required: the library must know what to fix). */
export async function returnPractice(db: Db, user: CurrentUser, id: number, comment: string): Promise<void> {
  const p = await practiceById(db, id);
  if (!canReview(user, p)) throw forbidden();
  const c = comment.trim();
  if (c === '') throw invalid([{ field: 'comment', key: 'practice.error.comment' }]);
  if (c.length > 4000) throw invalid([{ field: 'comment', key: 'practice.error.tooLong', values: { max: 4000 } }]);
  await changeStatus(db, actorOf(user), p, { status: 'returned', review_comment: c, returned_at: now() }, { kind: 'returned', comment: c });
}

/** The coordinator publishes a submitted practice: it becomes public and searchable. */
export async function publishPractice(db: Db, user: CurrentUser, id: number): Promise<void> {
  const p = await practiceById(db, id);
  if (!canReview(user, p)) throw forbidden();
  await changeStatus(db, actorOf(user), p, { status: 'published', published_at: now(), published_by: user.id }, { kind: 'published' });
}

/** Publishes without review, for the demonstration content only. */
export async function publishDemo(db: Db, id: number, publishedAt: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await q.updatePractice(tx, id, { status: 'published', published_at: publishedAt, submitted_at: publishedAt });
    await indexPractice(tx, await practiceById(tx, id));
  });
}

/** Records another library's adoption (no role check: createAdoption and the demonstration content). */
export async function writeAdoption(db: Db, actor: Actor, p: Practice, libraryId: string, input: AdoptionInput, options: { isDemo?: boolean } = {}): Promise<number> {
  const errors: FieldError[] = [];
  const adoptedOn = text(input.adopted_on);
  if (!isDate(adoptedOn)) errors.push({ field: 'adopted_on', key: 'practice.error.date' });
  else if (adoptedOn > now().slice(0, 10)) errors.push({ field: 'adopted_on', key: 'practice.error.future' });
  const changes = text(input.changes);
  if (changes === '') errors.push({ field: 'changes', key: 'practice.error.changes' });
  else if (changes.length > 10_000) errors.push({ field: 'changes', key: 'practice.error.tooLong', values: { max: 10000 } });
  const results = checkResults(input.results ?? [], errors, false);
  const library = await libraryOf(db, libraryId);
  if (await q.hasAdopted(db, p.id, library.id)) errors.push({ field: 'adopted_on', key: 'practice.error.alreadyAdopted' });
  if (errors.length > 0) throw invalid(errors);
  const origin = await getLibraryRef(db, p.library_id);
  return inTransaction(db, async (tx) => {
    const id = await q.insertAdoption(tx, {
      practice_id: p.id,
      library_id: library.id,
      region_id: library.region_id,
      adopted_on: adoptedOn,
      changes,
      is_demo: options.isDemo ? 1 : 0,
      created_at: now(),
      created_by: actor.id,
    });
    await q.setResults(tx, p.id, id, results);
    await recordAudit(tx, actor, { action: 'practice.adopted', entity: 'practice', entityId: p.id, after: { library_id: library.id, adopted_on: adoptedOn } });
    if (!options.isDemo) await notifyPractice(tx, p, origin?.name ?? p.library_id, { kind: 'adopted', library: library.name }, actor.id);
    return id;
  });
}

/** A library's librarian records that their library adopted a published practice; the originating library is notified. */
export async function adoptPractice(db: Db, user: CurrentUser, id: number, libraryId: string, input: AdoptionInput): Promise<number> {
  const p = await practiceById(db, id);
  if (!canAdopt(user, p, libraryId)) throw forbidden();
  return writeAdoption(db, actorOf(user), p, libraryId, input);
}

/** A staff member asks the author a question; the author and the library's librarians are notified. */
export async function askQuestion(db: Db, user: CurrentUser, id: number, question: string): Promise<void> {
  const p = await practiceById(db, id);
  if (!canAsk(user, p)) throw forbidden();
  const text = question.trim();
  if (text === '') throw invalid([{ field: 'question', key: 'practice.error.question' }]);
  if (text.length > 4000) throw invalid([{ field: 'question', key: 'practice.error.tooLong', values: { max: 4000 } }]);
  const library = await getLibraryRef(db, p.library_id);
  await inTransaction(db, async (tx) => {
    await q.insertQuestion(tx, { practice_id: id, asked_by: user.id, asker_name: user.name, question: text, asked_at: now() });
    await recordAudit(tx, actorOf(user), { action: 'practice.question', entity: 'practice', entityId: id, after: { question: text } });
    await notifyPractice(tx, p, library?.name ?? p.library_id, { kind: 'question', asker: user.name }, user.id);
  });
}

/**
 * Holds an uploaded file as a practice's photo (an image: its alternative text is required) or
 * attachment. A refused file is let go (nothing holds it, so it is removed).
 */
export async function attachFile(db: Db, files: FileService, user: CurrentUser, id: number, file: FileRow, altText: string | undefined): Promise<void> {
  const p = await practiceById(db, id);
  if (!canEdit(user, p)) {
    await files.removeIfUnreferenced(file.id);
    throw forbidden();
  }
  const image = isImageType(file.media_type);
  const alt = (altText ?? '').trim();
  if (image && alt === '') {
    await files.removeIfUnreferenced(file.id);
    throw invalid([{ field: 'alt_text', key: 'practice.error.altText' }]);
  }
  await inTransaction(db, async (tx) => {
    if (image) await files.setAltText(file.id, alt.slice(0, 500), tx);
    await files.link(file.id, { kind: practiceFileKind, id: String(id), role: image ? 'photo' : 'attachment' }, tx);
    await recordAudit(tx, actorOf(user), { action: 'practice.file', entity: 'practice', entityId: id, after: { file: file.id, name: file.original_name } });
  });
}

/** Lets go of a practice's file (a draft's, by whoever may edit it). */
export async function detachFile(db: Db, files: FileService, user: CurrentUser, id: number, fileId: number): Promise<void> {
  const p = await practiceById(db, id);
  if (!canEdit(user, p)) throw forbidden();
  for (const role of ['photo', 'attachment']) await files.unlink(fileId, { kind: practiceFileKind, id: String(id), role });
}

/** The photos and attachments of a practice. */
export async function practiceFiles(files: FileService, id: number): Promise<{ photos: FileRow[]; attachments: FileRow[] }> {
  const [photos, attachments] = await Promise.all([
    files.filesOf({ kind: practiceFileKind, id: String(id), role: 'photo' }),
    files.filesOf({ kind: practiceFileKind, id: String(id), role: 'attachment' }),
  ]);
  return { photos, attachments };
}

/** A practice a person may see, or not found (a draft of another library reads as missing). */
export async function visiblePractice(db: Db, user: CurrentUser | null, id: number): Promise<Practice> {
  const p = await practiceById(db, id);
  if (!canView(user, p)) throw notFound('practice.notFound');
  return p;
}

/** The admin adds or renames a topic (id: lowercase letters, digits and dashes). */
export async function saveTopic(db: Db, user: CurrentUser, input: { id?: string; name_sl?: string; name_en?: string; sort?: string }): Promise<void> {
  if (!canEditTopics(user)) throw forbidden();
  const errors: FieldError[] = [];
  const id = text(input.id);
  if (!/^[a-z0-9-]{2,40}$/.test(id)) errors.push({ field: 'id', key: 'practice.error.topicId' });
  const nameSl = text(input.name_sl);
  const nameEn = text(input.name_en);
  if (nameSl === '' || nameSl.length > 100) errors.push({ field: 'name_sl', key: 'practice.error.topicName' });
  if (nameEn === '' || nameEn.length > 100) errors.push({ field: 'name_en', key: 'practice.error.topicName' });
  const sort = Number(text(input.sort) || '0');
  if (!Number.isInteger(sort)) errors.push({ field: 'sort', key: 'practice.error.number' });
  if (errors.length > 0) throw invalid(errors);
  await inTransaction(db, async (tx) => {
    await q.upsertTopic(tx, { id, name_sl: nameSl, name_en: nameEn, sort });
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'practice_topic', entityId: id, after: { name_sl: nameSl, name_en: nameEn, sort } });
  });
}
