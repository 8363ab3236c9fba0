import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/audit-log.js';
import type { DatabaseHandle } from '../../db/database.js';
import { AppError } from '../../web/errors.js';
import { openTestDatabase, testDialects } from '../../test-support/databases.js';
import { authenticate, createUser, listUsers, setDisabled, setRole, type NewUser } from './service.js';
import { createSession, endSession, hashToken, userForSession } from './sessions.js';
import { ensureScopeRows } from '../../test-support/accounts.js';

const actor = { id: null, email: 'test' };
const base: NewUser = {
  email: 'Ana.Novak@Knjiznica.si ',
  name: ' Ana Novak ',
  password: 'dolgo-geslo-1',
  role: 'librarian',
  regionId: 'r1',
  libraryId: 'l1',
  partnerName: 'ignored',
};

async function fieldsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err.fields.map((f) => `${err.code}:${f.field}:${f.key}`);
    throw err;
  }
  throw new Error('expected an AppError');
}

describe.each(testDialects)('accounts service on %s', (dialect) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await ensureScopeRows(database.db, 'r1', 'l1');
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.deleteFrom('sessions').execute();
    await database.db.deleteFrom('users').execute();
    await database.db.deleteFrom('audit_log').execute();
  });

  it('creates a user with a normalized e-mail, only the scope its role uses, and an audit without the hash', async () => {
    const { id } = await createUser(database.db, base, actor);
    const row = await database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: 'ana.novak@knjiznica.si', name: 'Ana Novak', role: 'librarian', region_id: null, library_id: 'l1', partner_name: null });
    expect(row.password_hash).toMatch(/^scrypt\$/);
    const { items } = await listAudit(database.db, { entity: 'user', limit: 10, offset: 0 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'create', entity_id: String(id), actor: 'test' });
    expect(items[0]!.after_json).not.toContain('scrypt');
    expect(items[0]!.after_json).not.toContain('dolgo-geslo');
    expect(JSON.parse(items[0]!.after_json!)).toMatchObject({ email: 'ana.novak@knjiznica.si', libraryId: 'l1' });
  });

  it('reports every bad field at once', async () => {
    expect(await fieldsOf(createUser(database.db, { ...base, email: 'no-at-sign', name: '  ', password: 'short' }, actor))).toEqual([
      'validation:email:accounts.field.email.invalid',
      'validation:name:accounts.field.name.required',
      'validation:password:accounts.field.password.tooShort',
    ]);
    expect(await fieldsOf(createUser(database.db, { ...base, role: 'king' as never }, actor))).toEqual(['validation:role:accounts.field.role.invalid']);
  });

  it('checks that the scope exists and fits the role', async () => {
    const cases: [Partial<NewUser>, string][] = [
      [{ role: 'coordinator', regionId: null }, 'validation:regionId:accounts.field.regionId.required'],
      [{ role: 'coordinator', regionId: 'atlantis' }, 'validation:regionId:accounts.field.regionId.unknown'],
      [{ role: 'librarian', libraryId: '' }, 'validation:libraryId:accounts.field.libraryId.required'],
      [{ role: 'librarian', libraryId: 'nowhere' }, 'validation:libraryId:accounts.field.libraryId.unknown'],
      [{ role: 'partner', partnerName: ' ' }, 'validation:partnerName:accounts.field.partnerName.required'],
    ];
    for (const [change, expected] of cases) {
      expect(await fieldsOf(createUser(database.db, { ...base, ...change }, actor))).toEqual([expected]);
    }
    const { id } = await createUser(database.db, { ...base, role: 'coordinator', regionId: 'r1' }, actor);
    expect(await database.db.selectFrom('users').select(['region_id', 'library_id']).where('id', '=', id).executeTakeFirst()).toEqual({
      region_id: 'r1',
      library_id: null,
    });
  });

  it('refuses a second account with the same e-mail in any case', async () => {
    await createUser(database.db, base, actor);
    expect(await fieldsOf(createUser(database.db, { ...base, email: 'ANA.NOVAK@knjiznica.si' }, actor))).toEqual([
      'conflict:email:accounts.field.email.taken',
    ]);
  });

  it('authenticates the right password only, and never a disabled account', async () => {
    const { id } = await createUser(database.db, { ...base, role: 'admin' }, actor);
    await createUser(database.db, { ...base, email: 'drugi@knjiznica.si', role: 'admin' }, actor);
    expect((await authenticate(database.db, ' ANA.novak@knjiznica.si', 'dolgo-geslo-1'))?.id).toBe(id);
    expect(await authenticate(database.db, 'ana.novak@knjiznica.si', 'dolgo-geslo-2')).toBeNull();
    expect(await authenticate(database.db, 'nihce@knjiznica.si', 'dolgo-geslo-1')).toBeNull();
    const user = await authenticate(database.db, 'ana.novak@knjiznica.si', 'dolgo-geslo-1');
    expect(user).not.toHaveProperty('password_hash');
    await setDisabled(database.db, id, true, actor);
    expect(await authenticate(database.db, 'ana.novak@knjiznica.si', 'dolgo-geslo-1')).toBeNull();
  });

  it('changes role and scope with an audit of before and after', async () => {
    const { id } = await createUser(database.db, base, actor);
    await setRole(database.db, id, 'coordinator', { regionId: 'r1', libraryId: 'l1', partnerName: null }, { id: 99, email: 'boss@x.si' });
    const row = await database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'coordinator', region_id: 'r1', library_id: null });
    const { items } = await listAudit(database.db, { entity: 'user', limit: 10, offset: 0 });
    expect(items[0]).toMatchObject({ action: 'update', user_id: 99, actor: 'boss@x.si' });
    expect(JSON.parse(items[0]!.before_json!)).toMatchObject({ role: 'librarian', libraryId: 'l1', regionId: null });
    expect(JSON.parse(items[0]!.after_json!)).toMatchObject({ role: 'coordinator', libraryId: null, regionId: 'r1' });
    expect(await fieldsOf(setRole(database.db, id, 'librarian', { regionId: null, libraryId: null, partnerName: null }, actor))).toEqual([
      'validation:libraryId:accounts.field.libraryId.required',
    ]);
    expect(await fieldsOf(setRole(database.db, 424242, 'admin', { regionId: null, libraryId: null, partnerName: null }, actor))).toEqual([]);
  });

  it('keeps at least one active admin', async () => {
    const { id } = await createUser(database.db, { ...base, role: 'admin' }, actor);
    const none = { regionId: null, libraryId: null, partnerName: null };
    expect(await fieldsOf(setRole(database.db, id, 'partner', { ...none, partnerName: 'Muzej' }, actor))).toEqual([
      'validation:role:accounts.field.lastAdmin',
    ]);
    expect(await fieldsOf(setDisabled(database.db, id, true, actor))).toEqual(['validation:disabled:accounts.field.lastAdmin']);
    await createUser(database.db, { ...base, email: 'b@knjiznica.si', role: 'admin' }, actor);
    await setRole(database.db, id, 'partner', { ...none, partnerName: 'Muzej' }, actor);
  });

  it('lists users by name, searched by name or e-mail, paged', async () => {
    for (const [email, name] of [
      ['c@x.si', 'Črt Žagar'],
      ['b@x.si', 'Branka Kos'],
      ['a@y.si', 'Ana Novak'],
    ]) {
      await createUser(database.db, { ...base, email: email!, name: name! }, actor);
    }
    const page = await listUsers(database.db, { limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.items.map((u) => u.name)).toEqual(['Ana Novak', 'Branka Kos']);
    expect(page.items[0]).not.toHaveProperty('password_hash');
    expect((await listUsers(database.db, { search: 'KOS', limit: 10, offset: 0 })).items.map((u) => u.email)).toEqual(['b@x.si']);
    expect((await listUsers(database.db, { search: 'x.si', limit: 10, offset: 0 })).total).toBe(2);
    expect((await listUsers(database.db, { search: 'žagar', limit: 10, offset: 0 })).total).toBe(1);
    expect((await listUsers(database.db, { search: '%', limit: 10, offset: 0 })).total).toBe(3);
  });

  it('keeps only the token digest, ignores and purges expired sessions', async () => {
    const { id } = await createUser(database.db, base, actor);
    const { token } = await createSession(database.db, id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await database.db.selectFrom('sessions').selectAll().execute();
    expect(stored.map((s) => s.id)).toEqual([hashToken(token)]);
    expect((await userForSession(database.db, token))?.email).toBe('ana.novak@knjiznica.si');
    expect(await userForSession(database.db, hashToken(token))).toBeNull();
    expect(await userForSession(database.db, 'garbage')).toBeNull();

    await database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    expect(await userForSession(database.db, token)).toBeNull();
    await createSession(database.db, id);
    expect(await database.db.selectFrom('sessions').select('id').execute()).toHaveLength(1);

    const second = await createSession(database.db, id);
    await endSession(database.db, second.token);
    expect(await userForSession(database.db, second.token)).toBeNull();
  });

  it('ends the sessions of an account that is disabled', async () => {
    await createUser(database.db, { ...base, email: 'z@x.si', role: 'admin' }, actor);
    const { id } = await createUser(database.db, base, actor);
    const { token } = await createSession(database.db, id);
    await setDisabled(database.db, id, true, actor);
    expect(await userForSession(database.db, token)).toBeNull();
    expect(await database.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).toHaveLength(0);
  });
});
