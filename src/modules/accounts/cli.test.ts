import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../test-support/databases.js';
import path from 'node:path';
import { projectRoot } from '../../config.js';
import { createTranslators, loadMessages } from '../../web/i18n.js';
import { ensureFirstAdmin, firstAdminEmail, firstAdminHint, runUserCommand } from './cli.js';
import { authenticate } from './service.js';
import { ensureScopeRows } from '../../test-support/accounts.js';

describe.each(testDialects)('mreza user … on %s', (dialect) => {
  let database: DatabaseHandle;
  let lines: string[];
  const run = (...args: string[]) => runUserCommand(database.db, args, (l) => lines.push(l));

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await ensureScopeRows(database.db, 'kranj', 'kranj');
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    lines = [];
    await database.db.deleteFrom('users').execute();
  });

  it('makes the first admin once, on an empty table only', async () => {
    const first = await ensureFirstAdmin(database.db);
    expect(first?.email).toBe(firstAdminEmail);
    // Its password was generated: it must be changed at the first login.
    expect(await authenticate(database.db, firstAdminEmail, first!.password)).toMatchObject({ role: 'admin', must_change_password: 1 });
    expect(await ensureFirstAdmin(database.db)).toBeNull();
  });

  it('tells the operator how to log in in the words of the UI, in the site’s language', () => {
    const translators = createTranslators(loadMessages(path.join(projectRoot, 'locales')));
    const sl = firstAdminHint(translators.sl, 'http://localhost:3000', { email: firstAdminEmail, password: 'AbCdE-12345' });
    expect(sl).toContain('password: AbCdE-12345');
    expect(sl).toContain('Log in at http://localhost:3000/login (“Za zaposlene” in the menu): fill in “E-pošta” and “Geslo”, press “Prijava”.');
    expect(sl).toContain('(“Sprememba gesla”: “Sedanje geslo” is the one above)');
    expect(sl).toContain('Add people under “Za zaposlene” → “Uporabniki” → “Nov uporabnik”');
    const en = firstAdminHint(translators.en, 'http://localhost:3000', { email: firstAdminEmail, password: 'x' });
    expect(en).toContain('(“Staff” in the menu): fill in “E-mail” and “Password”, press “Log in”.');
  });

  it('sets a new password, generated when none is given, and refuses a short one', async () => {
    await run('add', '--email', 'cene@test.si', '--name', 'Cene', '--role', 'admin', '--password', 'staro-geslo-123');
    lines = [];
    expect(await run('set-password', '--email', 'cene@test.si')).toBe(0);
    const password = /Password \(shown once, store it safely\): (\S+)/.exec(lines.join('\n'))?.[1];
    expect(await authenticate(database.db, 'cene@test.si', password!)).toMatchObject({ email: 'cene@test.si' });
    expect(await authenticate(database.db, 'cene@test.si', 'staro-geslo-123')).toBeNull();
    lines = [];
    expect(await run('set-password', '--email', 'cene@test.si', '--password', 'short')).toBe(1);
    expect(lines.join('\n')).toContain('--password must have at least 10 characters');
    expect(await run('set-password', '--email', 'nobody@test.si')).toBe(1);
  });

  it('adds a user with a given password, and with a generated one printed once', async () => {
    expect(await run('add', '--email', 'Ana@Test.si', '--name', 'Ana', '--role', 'librarian', '--library', 'kranj', '--password', 'dolgo-geslo-1')).toBe(0);
    expect(lines[0]).toMatch(/^Created user \d+: ana@test.si \(librarian\)$/);
    expect(lines.join('\n')).not.toContain('dolgo-geslo-1');
    lines = [];
    expect(await run('add', '--email', 'bor@test.si', '--name', 'Bor', '--role', 'coordinator', '--region', 'kranj')).toBe(0);
    const password = /Password \(shown once, store it safely\): (\S+)/.exec(lines.join('\n'))?.[1];
    expect(await authenticate(database.db, 'bor@test.si', password!)).toMatchObject({ role: 'coordinator', region_id: 'kranj', must_change_password: 1 });
    expect(lines).toContain('It must be changed at the first login.');
    expect(await authenticate(database.db, 'ana@test.si', 'dolgo-geslo-1')).toMatchObject({ must_change_password: 0 });
  });

  it('explains bad input and exits with 1', async () => {
    expect(await run('add', '--email', 'x@test.si', '--role', 'librarian')).toBe(1);
    expect(lines).toContain('Error: missing --name');
    lines = [];
    expect(await run('add', '--email', 'x@test.si', '--name', 'X', '--role', 'librarian', '--password', 'dolgo-geslo-1')).toBe(1);
    expect(lines).toContain('Error: a librarian needs --library ID');
    lines = [];
    expect(await run('add', '--email', 'bad', '--name', 'X', '--role', 'boss', '--password', 'short')).toBe(1);
    expect(lines).toEqual([
      'Error: --email must be an e-mail address, e.g. name@library.si',
      'Error: --password must have at least 10 characters',
      'Error: --role must be one of admin, coordinator, librarian, partner',
    ]);
    lines = [];
    expect(await run('add', '--bogus')).toBe(1);
    expect(lines[0]).toMatch(/^Error: Unknown option '--bogus'/);
    lines = [];
    expect(await run('frobnicate')).toBe(1);
    expect(lines[0]).toBe('Error: unknown command "user frobnicate"');
    expect(await run()).toBe(1);
  });

  it('lists users and changes a role', async () => {
    await run('add', '--email', 'a@test.si', '--name', 'A', '--role', 'admin', '--password', 'dolgo-geslo-1');
    await run('add', '--email', 'p@test.si', '--name', 'P', '--role', 'partner', '--partner', 'Muzej', '--password', 'dolgo-geslo-1');
    lines = [];
    expect(await run('list')).toBe(0);
    expect(lines[0]).toBe('2 users');
    expect(lines[2]).toMatch(/\tp@test\.si\tP\tpartner\tMuzej\tactive\tnever$/);
    lines = [];
    expect(await run('set-role', '--email', 'P@test.si', '--role', 'librarian', '--library', 'kranj')).toBe(0);
    expect(lines).toEqual(['p@test.si is now librarian']);
    lines = [];
    expect(await run('set-role', '--email', 'nobody@test.si', '--role', 'admin')).toBe(1);
    expect(lines).toEqual(['Error: no user with e-mail nobody@test.si']);
    lines = [];
    expect(await run('set-role', '--email', 'a@test.si', '--role', 'partner', '--partner', 'X')).toBe(1);
    expect(lines[0]).toBe('Error: this is the last active admin; make another admin first');
  });

  it('links a partner to a municipality, and refuses one that does not exist', async () => {
    await database.db.insertInto('municipalities').values({ id: 'SI-003', number: 3, name: 'Bled', kind: 'other', search_text: 'bled' }).onConflict((oc) => oc.column('id').doNothing()).execute();
    expect(await run('add', '--email', 'zupan@test.si', '--name', 'Z', '--role', 'partner', '--partner', 'Občina Bled', '--municipality', 'si-003', '--password', 'dolgo-geslo-1')).toBe(0);
    const row = await database.db.selectFrom('users').select('municipality_id').where('email', '=', 'zupan@test.si').executeTakeFirstOrThrow();
    expect(row.municipality_id).toBe('SI-003');
    lines = [];
    expect(await run('set-role', '--email', 'zupan@test.si', '--role', 'partner', '--partner', 'Občina Bled', '--municipality', 'SI-999')).toBe(1);
    expect(lines).toContain('Error: --municipality: no municipality with this code (e.g. SI-052)');
  });
});
