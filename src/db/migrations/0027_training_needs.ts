import type { Kysely } from 'kysely';

// Issue 12, part 2: reminders before a training session. A registration remembers when its
// reminder went out, so the daily job never reminds anyone twice.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('training_registrations').addColumn('reminded_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('training_registrations').dropColumn('reminded_at').execute();
}
