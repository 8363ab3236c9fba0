import { PostgresAdapter, type Kysely } from 'kysely';

// Password reset by e-mail, and the forced change of a password someone else chose.
// - accounts_password_resets: one row per request. The e-mail job makes the token and stores
//   only its SHA-256 (token_hash) with its expiry; the token itself exists only in the e-mail.
//   used_at marks it spent (single use). Requests of the last hour are counted per account
//   (rate limit), hence the index.
// - users.must_change_password: 1 for an account whose password was generated for it (a new
//   account, an admin's reset, the first admin); it must choose its own before any staff page.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('accounts_password_resets')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('expires_at', 'text')
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('accounts_password_resets_user_idx').on('accounts_password_resets').columns(['user_id', 'requested_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('accounts_password_resets').execute();
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
}
