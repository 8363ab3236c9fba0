import type { Kysely } from 'kysely';

// Users get a folded copy of name and e-mail, so the admins' search finds "Čuk" by "cuk" on
// both engines (SQLite's lower() knows only ASCII). Existing rows are filled in here.

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const rows = (await db.selectFrom('users').select(['id', 'name', 'email']).execute()) as { id: number; name: string; email: string }[];
  for (const row of rows) {
    await db
      .updateTable('users')
      .set({ search_text: fold(`${row.name} ${row.email}`) })
      .where('id', '=', row.id)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('search_text').execute();
}
