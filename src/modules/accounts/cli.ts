import { parseArgs } from 'node:util';
import type { Actor } from '../../audit/audit-log.js';
import type { Db } from '../../db/database.js';
import { roles, type Role } from '../../web/access.js';
import { AppError } from '../../web/errors.js';
import type { Translator } from '../../web/i18n.js';
import { generatePassword } from './password.js';
import * as q from './queries.js';
import { createUser, listUsers, normalizeEmail, setPassword, setRole } from './service.js';

// The command line speaks English only: operators' shells and logs, not the library staff's pages.

const cliActor: Actor = { id: null, email: 'cli' };

/** English text for the service's field errors, so a bad flag is named in the terminal. */
const fieldMessages: Record<string, string> = {
  'accounts.field.email.invalid': '--email must be an e-mail address, e.g. name@library.si',
  'accounts.field.email.taken': '--email: an account with this e-mail already exists',
  'accounts.field.name.required': '--name is required',
  'accounts.field.password.tooShort': '--password must have at least {min} characters',
  'accounts.field.tooLong': '--{field} is too long (at most {max} characters)',
  'accounts.field.role.invalid': `--role must be one of ${roles.join(', ')}`,
  'accounts.field.lastAdmin': 'this is the last active admin; make another admin first',
  'accounts.field.regionId.required': 'a coordinator needs --region ID',
  'accounts.field.regionId.unknown': '--region: no region with this id',
  'accounts.field.libraryId.required': 'a librarian needs --library ID',
  'accounts.field.libraryId.unknown': '--library: no library with this id',
  'accounts.field.partnerName.required': 'a partner needs --partner NAME',
  'accounts.field.municipalityId.unknown': '--municipality: no municipality with this code (e.g. SI-052)',
};

function describe(err: unknown): string[] | null {
  if (!(err instanceof AppError) || err.fields.length === 0) return null;
  return err.fields.map((f) => {
    const template = fieldMessages[f.key] ?? `${f.field}: ${f.key}`;
    return template.replace(/\{(\w+)\}/g, (_, k: string) => String(k === 'field' ? f.field : (f.values?.[k] ?? '')));
  });
}

const usage = [
  'Usage:',
  '  mreza user add --email E --name N --role R [--region ID] [--library ID] [--partner NAME [--municipality CODE]] [--password P]',
  '  mreza user list',
  '  mreza user set-role --email E --role R [--region ID] [--library ID] [--partner NAME [--municipality CODE]]',
  '  mreza user set-password --email E [--password P]',
  `Roles: ${roles.join(', ')}. A coordinator needs --region, a librarian --library, a partner --partner (and --municipality when it is one).`,
  'Without --password a strong one is generated and printed once.',
];

const options = {
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  region: { type: 'string' },
  library: { type: 'string' },
  partner: { type: 'string' },
  municipality: { type: 'string' },
  password: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs `mreza user …` (args start after `user`); prints through `out` and returns the exit code. */
export async function runUserCommand(db: Db, args: string[], out: (line: string) => void): Promise<number> {
  const [command, ...rest] = args;
  let values: { [K in keyof typeof options]?: (typeof options)[K]['type'] extends 'boolean' ? boolean : string };
  try {
    ({ values } = parseArgs({ args: rest, options, strict: true, allowPositionals: false }));
  } catch (err) {
    out(`Error: ${(err as Error).message}`);
    usage.forEach((l) => out(l));
    return 1;
  }
  if (values.help || command === undefined || command === 'help') {
    usage.forEach((l) => out(l));
    return command === undefined ? 1 : 0;
  }
  const scope = {
    regionId: values.region ?? null,
    libraryId: values.library ?? null,
    partnerName: values.partner ?? null,
    municipalityId: values.municipality?.toUpperCase() ?? null,
  };
  try {
    switch (command) {
      case 'add': {
        const missing = (['email', 'name', 'role'] as const).filter((k) => !values[k]);
        if (missing.length > 0) {
          out(`Error: missing ${missing.map((k) => `--${k}`).join(', ')}`);
          return 1;
        }
        const password = values.password ?? generatePassword();
        const { id } = await createUser(
          db,
          { email: values.email!, name: values.name!, role: values.role as Role, password, ...scope, mustChangePassword: !values.password },
          cliActor,
        );
        out(`Created user ${id}: ${normalizeEmail(values.email!)} (${values.role})`);
        if (!values.password) {
          out(`Password (shown once, store it safely): ${password}`);
          out('It must be changed at the first login.');
        }
        return 0;
      }
      case 'list': {
        const { items, total } = await listUsers(db, { limit: 100_000, offset: 0 });
        out(`${total} user${total === 1 ? '' : 's'}`);
        for (const u of items) {
          const s = u.region_id ?? u.library_id ?? u.partner_name ?? '';
          out([u.id, u.email, u.name, u.role, s, u.disabled ? 'disabled' : 'active', u.last_login_at ?? 'never'].join('\t'));
        }
        return 0;
      }
      case 'set-role': {
        if (!values.email || !values.role) {
          out('Error: set-role needs --email and --role');
          return 1;
        }
        const user = await q.findUserByEmail(db, normalizeEmail(values.email));
        if (!user) {
          out(`Error: no user with e-mail ${values.email}`);
          return 1;
        }
        await setRole(db, user.id, values.role as Role, scope, cliActor);
        out(`${user.email} is now ${values.role}`);
        return 0;
      }
      case 'set-password': {
        if (!values.email) {
          out('Error: set-password needs --email');
          return 1;
        }
        const user = await q.findUserByEmail(db, normalizeEmail(values.email));
        if (!user) {
          out(`Error: no user with e-mail ${values.email}`);
          return 1;
        }
        const password = values.password ?? generatePassword();
        await setPassword(db, user.id, password, cliActor, { mustChange: !values.password });
        out(`${user.email} has a new password; their sessions have ended.`);
        if (!values.password) {
          out(`Password (shown once, store it safely): ${password}`);
          out('It must be changed at the first login.');
        }
        return 0;
      }
      default:
        out(`Error: unknown command "user ${command}"`);
        usage.forEach((l) => out(l));
        return 1;
    }
  } catch (err) {
    const lines = describe(err);
    if (!lines) throw err;
    lines.forEach((l) => out(`Error: ${l}`));
    return 1;
  }
}

/** E-mail of the account made on first start. */
export const firstAdminEmail = 'admin@mreza.local';

/**
 * On an empty users table, creates the first admin with a generated password and returns it so
 * the server can print it once; returns null when any account exists.
 */
export async function ensureFirstAdmin(db: Db): Promise<{ email: string; password: string } | null> {
  if ((await q.countUsers(db)) > 0) return null;
  const password = generatePassword();
  await createUser(
    db,
    { email: firstAdminEmail, name: 'Administrator', password, role: 'admin', regionId: null, libraryId: null, partnerName: null, mustChangePassword: true },
    { id: null, email: 'system' },
  );
  return { email: firstAdminEmail, password };
}

/**
 * What `serve` prints after the first admin was made: how to log in, naming the pages, buttons and
 * menu items in the words the UI shows (the site's default language), so the operator finds them.
 */
export function firstAdminHint(t: Translator, url: string, admin: { email: string; password: string }): string {
  const q = (key: string) => `“${t.t(key)}”`;
  return [
    '',
    'First start: an administrator account was created.',
    `  email:    ${admin.email}`,
    `  password: ${admin.password}`,
    `Log in at ${url}/login (${q('layout.nav.staff')} in the menu): fill in ${q('accounts.field.email')} and ${q('accounts.field.password')}, press ${q('accounts.login.submit')}.`,
    `You are then asked to choose your own password (${q('accounts.password.title')}: ${q('accounts.password.current')} is the one above).`,
    `Add people under ${q('layout.nav.staff')} → ${q('accounts.staff.link.users')} → ${q('accounts.users.new')}, or with: npx mreza user add --help`,
    '',
  ].join('\n');
}
