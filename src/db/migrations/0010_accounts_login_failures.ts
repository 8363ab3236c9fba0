import type { Kysely } from 'kysely';

// Failed password logins per account, so a lock holds whatever address the attempts come from.
// Keyed by a digest of the typed e-mail (known or not, so a lock says nothing about whether the
// account exists, and the addresses people mistype are not stored).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('account_key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_failures').execute();
}
