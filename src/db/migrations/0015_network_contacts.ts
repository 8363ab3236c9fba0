import type { Kysely } from 'kysely';

// Issue 17: service points get a phone and an e-mail (libraries have had both columns since 0001),
// and a folded name for search ("Bled" finds the branch there); a library's former name becomes its
// own column, so pages say "formerly" in the reader's language instead of the English words the
// shipped name carried; a partner account may stand for a municipality (its report is its business).

/** The same folding as db/search-text.ts at the time of writing (a migration imports no app code). */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[łŁ]/g, 'l')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const formerly = /^(.*\S)\s+\(formerly (.+)\)$/;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('service_points').addColumn('email', 'text').execute();
  await db.schema.alterTable('service_points').addColumn('phone', 'text').execute();
  await db.schema.alterTable('service_points').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('libraries').addColumn('former_name', 'text').execute();
  await db.schema.alterTable('users').addColumn('municipality_id', 'text').execute();

  // Libraries and their central points loaded before this: "New (formerly Old)" → name New, former_name Old.
  const libraries = await db.selectFrom('libraries').select(['id', 'name']).where('name', 'like', '%(formerly %)').execute();
  for (const l of libraries) {
    const m = formerly.exec(l.name as string);
    if (m) await db.updateTable('libraries').set({ name: m[1], former_name: m[2] }).where('id', '=', l.id).execute();
  }
  const points = await db.selectFrom('service_points').select(['id', 'name']).execute();
  for (const p of points) {
    const name = formerly.exec(p.name as string)?.[1] ?? (p.name as string);
    await db.updateTable('service_points').set({ name, search_text: fold(name) }).where('id', '=', p.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('municipality_id').execute();
  await db.schema.alterTable('libraries').dropColumn('former_name').execute();
  await db.schema.alterTable('service_points').dropColumn('search_text').execute();
  await db.schema.alterTable('service_points').dropColumn('phone').execute();
  await db.schema.alterTable('service_points').dropColumn('email').execute();
}
