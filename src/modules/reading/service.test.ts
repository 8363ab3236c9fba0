import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { CurrentUser } from '../../web/access.js';
import { AppError } from '../../web/errors.js';
import { loadNetwork } from '../network/index.js';
import { loadCatalogFixtures, type CatalogFixtures } from '../../test-support/catalog.js';
import { openTestDatabase, testDialects } from '../../test-support/databases.js';
import { addListItem, createProgramme, deleteReaderData, updateProgramme, logBook, programmeCounts, programmeView, readerByCode, readerView, registerReader } from './service.js';

const staff = (role: CurrentUser['role'], scope: Partial<CurrentUser> = {}): CurrentUser => ({ id: 1, email: `${role}@test.si`, name: role, role, regionId: null, libraryId: null, partnerName: null, ...scope });
const coordinator = staff('coordinator', { regionId: 'kranj' });
const librarian = staff('librarian', { libraryId: 'kranj' });
const year = new Date().getUTCFullYear();

const fieldsOf = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return (e as AppError).fields.map((f) => f.field);
};

describe.each(testDialects)('reading service (%s)', (dialect) => {
  let database: DatabaseHandle;
  let fx: CatalogFixtures;
  let programmeId: number;
  let items: { maja: number; ptice: number; knjiznice: number; povodni: number };

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    fx = await loadCatalogFixtures(database);
    programmeId = await createProgramme(database.db, coordinator, {
      regionId: 'kranj',
      name: 'Gorenjci beremo',
      seasonFrom: `${year}-01-01`,
      seasonTo: `${year}-12-31`,
      libraryIds: ['kranj', 'jesenice'],
      rules: { prose: 2, poetry: 1 },
    });
    const add = (entryId: number, category: string, formats = ['print']) => addListItem(database.db, coordinator, programmeId, { entryId, category, formats });
    items = { maja: await add(fx.maja, 'prose', ['print', 'ebook']), ptice: await add(fx.ptice, 'prose'), knjiznice: await add(fx.knjiznice, 'prose'), povodni: await add(fx.povodni, 'poetry', ['print', 'audiobook']) };
  }, 120_000);
  afterAll(async () => database?.close());

  it('refuses a programme outside the coordinator’s region and names each faulty field', async () => {
    await expect(createProgramme(database.db, coordinator, { regionId: 'koper', name: 'X', seasonFrom: '2026-04-01', seasonTo: '2026-11-30', libraryIds: ['koper'], rules: { prose: 1 } })).rejects.toMatchObject({ code: 'forbidden' });
    const fields = await fieldsOf(createProgramme(database.db, coordinator, { regionId: 'kranj', name: ' ', seasonFrom: '2026-11-01', seasonTo: '2026-04-01', libraryIds: ['nowhere'], rules: { prose: 0 } }));
    expect(fields).toEqual(['name', 'seasonTo', 'libraries', 'rule-prose']);
  });

  it('shows for each title which libraries hold a copy and whether one is available now', async () => {
    const view = await programmeView(database.db, programmeId);
    expect(view.libraries.map((l) => l.id).sort()).toEqual(['jesenice', 'kranj']);
    const maja = view.items.find((i) => i.id === items.maja)!;
    expect(maja.title).toContain('Maja');
    expect(Object.fromEntries(maja.copies.map((c) => [c.libraryId, [c.copies, c.available, c.participating]]))).toEqual({ kranj: [1, 1, true], jesenice: [1, 1, true], ljubljana: [1, 0, false] });
    const povodni = view.items.find((i) => i.id === items.povodni)!;
    expect(povodni.copies).toMatchObject([{ libraryId: 'kranj', copies: 1, available: 0 }]);
  });

  it('registers a reader online with consent only, and names the missing fields', async () => {
    expect(await fieldsOf(registerReader(database.db, null, { programmeId, name: '', contact: '', consent: false, libraryId: null }))).toEqual(['name', 'contact', 'consent']);
    const { readerId, code } = await registerReader(database.db, null, { programmeId, name: 'Ana Bralka', contact: 'ana@example.si', consent: true, libraryId: null });
    expect((await readerByCode(database.db, code))?.id).toBe(readerId);
    expect(await readerByCode(database.db, `${code}x`)).toBeNull();
    const stored = await database.db.selectFrom('reading_readers').select(['code_hash']).where('id', '=', readerId).executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);
  });

  it('lets a librarian register and log only at their own participating library', async () => {
    await expect(registerReader(database.db, staff('librarian', { libraryId: 'ljubljana' }), { programmeId, name: 'B', contact: '040 111 222', consent: true, libraryId: 'ljubljana' })).rejects.toMatchObject({ code: 'validation' });
    await expect(registerReader(database.db, librarian, { programmeId, name: 'B', contact: '040 111 222', consent: true, libraryId: 'jesenice' })).rejects.toMatchObject({ code: 'forbidden' });
    const { readerId } = await registerReader(database.db, librarian, { programmeId, name: 'Bojan Bralec', contact: '040 111 222', consent: true, libraryId: 'kranj' });
    await expect(logBook(database.db, { staff: librarian }, { readerId, itemId: items.maja, format: 'print', libraryId: 'jesenice' })).rejects.toMatchObject({ code: 'forbidden' });
    await logBook(database.db, { staff: librarian }, { readerId, itemId: items.maja, format: 'print', libraryId: 'kranj' });
    await expect(logBook(database.db, { staff: staff('librarian', { libraryId: 'koper' }) }, { readerId, itemId: items.ptice, format: 'print', libraryId: 'koper' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('completes a reader by the rules and records it; a reader logs only for themself, each title once', async () => {
    const { readerId, code } = await registerReader(database.db, null, { programmeId, name: 'Cene Bralec', contact: 'cene@example.si', consent: true, libraryId: null });
    const other = await registerReader(database.db, null, { programmeId, name: 'Druga', contact: 'd@example.si', consent: true, libraryId: null });
    const me = { identity: { readerId } };
    await expect(logBook(database.db, { identity: { readerId: other.readerId } }, { readerId, itemId: items.maja, format: 'print', libraryId: null })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await fieldsOf(logBook(database.db, me, { readerId, itemId: items.maja, format: 'audiobook', libraryId: null }))).toEqual(['format']);
    expect((await logBook(database.db, me, { readerId, itemId: items.maja, format: 'ebook', libraryId: null })).complete).toBe(false);
    expect(await fieldsOf(logBook(database.db, me, { readerId, itemId: items.maja, format: 'print', libraryId: null }))).toEqual(['itemId']);
    expect((await logBook(database.db, me, { readerId, itemId: items.ptice, format: 'print', libraryId: null })).complete).toBe(false);
    const done = await logBook(database.db, me, { readerId, itemId: items.povodni, format: 'audiobook', libraryId: null });
    expect(done.complete).toBe(true);
    const reader = (await readerByCode(database.db, code))!;
    expect(reader.completed_at).not.toBeNull();
    const view = await readerView(database.db, reader);
    expect(view.logs.map((l) => l.item_id)).toEqual([items.maja, items.ptice, items.povodni]);
    expect(view.progress.complete).toBe(true);
  });

  it('deletes a reader’s personal data everywhere but keeps the anonymous counts', async () => {
    const name = 'Zala Izbrisana';
    const contact = 'zala.izbris@example.si';
    const { readerId, code } = await registerReader(database.db, null, { programmeId, name, contact, consent: true, libraryId: null });
    await logBook(database.db, { identity: { readerId } }, { readerId, itemId: items.knjiznice, format: 'print', libraryId: null });
    const before = await programmeCounts(database.db, programmeId);
    await deleteReaderData(database.db, { readerId });
    expect(await readerByCode(database.db, code)).toBeNull();
    await expect(logBook(database.db, { identity: { readerId } }, { readerId, itemId: items.maja, format: 'print', libraryId: null })).rejects.toMatchObject({ code: 'not_found' });
    const row = await database.db.selectFrom('reading_readers').selectAll().where('id', '=', readerId).executeTakeFirstOrThrow();
    expect([row.name, row.contact, row.code_hash]).toEqual([null, null, null]);
    // Nowhere else: not in the audit log, not in any table of the module.
    const audit = await database.db.selectFrom('audit_log').select(['before_json', 'after_json', 'actor']).execute();
    expect(JSON.stringify(audit)).not.toContain('Zala');
    expect(JSON.stringify(audit)).not.toContain(contact);
    for (const table of ['reading_readers', 'reading_logs', 'reading_programmes', 'reading_list_items'] as const) {
      expect(JSON.stringify(await database.db.selectFrom(table).selectAll().execute())).not.toContain('Zala');
    }
    const after = await programmeCounts(database.db, programmeId);
    expect(after.totals).toEqual(before.totals);
    expect(after.titles).toEqual(before.titles);
    expect(after.titles.find((t) => t.id === items.knjiznice)?.books).toBe(1);
  });
  it('edits a programme with the same validation, refuses to drop a library in use, and recomputes completion', async () => {
    const id = await createProgramme(database.db, coordinator, { regionId: 'kranj', name: 'Urejanje', seasonFrom: `${year}-01-01`, seasonTo: `${year}-12-31`, libraryIds: ['kranj', 'jesenice'], rules: { prose: 1 } });
    const maja = await addListItem(database.db, coordinator, id, { entryId: fx.maja, category: 'prose', formats: ['print'] });
    const povodni = await addListItem(database.db, coordinator, id, { entryId: fx.povodni, category: 'poetry', formats: ['print'] });
    const a = await registerReader(database.db, librarian, { programmeId: id, name: 'Ana', contact: 'a@example.si', consent: true, libraryId: 'kranj' });
    const b = await registerReader(database.db, null, { programmeId: id, name: 'Bor', contact: 'b@example.si', consent: true, libraryId: null });
    await logBook(database.db, { staff: librarian }, { readerId: a.readerId, itemId: maja, format: 'print', libraryId: 'kranj' });
    await logBook(database.db, { identity: { readerId: b.readerId } }, { readerId: b.readerId, itemId: povodni, format: 'print', libraryId: null });
    const completed = async () =>
      Object.fromEntries((await database.db.selectFrom('reading_readers').select(['id', 'completed_at']).where('programme_id', '=', id).execute()).map((r) => [r.id, r.completed_at !== null]));
    expect(await completed()).toEqual({ [a.readerId]: true, [b.readerId]: false });
    const base = { name: 'Urejanje', seasonFrom: `${year}-01-01`, seasonTo: `${year}-12-31`, libraryIds: ['kranj', 'jesenice'] };
    // The same validation as creating.
    expect(await fieldsOf(updateProgramme(database.db, coordinator, id, { ...base, name: ' ', seasonTo: `${year - 1}-01-01`, rules: {} }))).toEqual(['name', 'seasonTo', 'rule-prose']);
    // Another region's coordinator may not.
    const other = staff('coordinator', { regionId: 'koper' });
    await expect(updateProgramme(database.db, other, id, { ...base, rules: { prose: 1 } })).rejects.toMatchObject({ code: 'forbidden' });
    // Kranj has a reader and a logged book: it stays; the message names it.
    const refused = await updateProgramme(database.db, coordinator, id, { ...base, libraryIds: ['jesenice'], rules: { prose: 1 } }).then(() => null, (e: unknown) => e as AppError);
    expect(refused?.fields[0]).toMatchObject({ field: 'libraries', key: 'reading.error.libraryInUse' });
    expect(String(refused?.fields[0]?.values?.libraries)).toMatch(/Kranj/);
    // Poetry instead of prose: Ana loses completion, Bor gains it, in the same change.
    expect(await updateProgramme(database.db, coordinator, id, { ...base, name: 'Urejanje 2', rules: { poetry: 1 } })).toEqual({ completedGained: 1, completedLost: 1 });
    expect(await completed()).toEqual({ [a.readerId]: false, [b.readerId]: true });
    // Jesenice had nobody: it may go; unchanged rules change no completion.
    expect(await updateProgramme(database.db, coordinator, id, { ...base, name: 'Urejanje 2', libraryIds: ['kranj'], rules: { poetry: 1 } })).toEqual({ completedGained: 0, completedLost: 0 });
    const row = await database.db.selectFrom('reading_programmes').select(['name', 'rules_json']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Urejanje 2', rules_json: JSON.stringify([{ category: 'poetry', count: 1 }]) });
    const audit = await database.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('entity', '=', 'reading_programme').where('entity_id', '=', String(id)).where('action', '=', 'update').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.before_json).toContain('"prose"');
    expect(audit[0]!.after_json).toContain('"completedGained":1');
  });
});
