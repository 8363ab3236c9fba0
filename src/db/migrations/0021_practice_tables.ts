import { PostgresAdapter, type Kysely } from 'kysely';

// Good practice (issue 11): a library writes up what worked (practices), with results in figures
// (practice_results), tagged with topics from the admin's list (practice_topics) and target groups
// (practice_tags); other libraries record that they adopted it, with their own results
// (practice_adoptions, results with adoption_id); staff ask the author questions (practice_questions).
// Attachments and photos are file references (owner kind 'practice'), not columns.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (t: any) => t.addColumn('id', pg ? 'serial' : 'integer', (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()));
  await db.schema
    .createTable('practice_topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_sl', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await id(db.schema.createTable('practices'))
    .addColumn('library_id', 'text', (c: any) => c.notNull())
    .addColumn('region_id', 'text', (c: any) => c.notNull())
    .addColumn('status', 'text', (c: any) => c.notNull())
    .addColumn('language', 'text', (c: any) => c.notNull())
    .addColumn('title', 'text', (c: any) => c.notNull())
    .addColumn('problem_md', 'text', (c: any) => c.notNull())
    .addColumn('actions_md', 'text', (c: any) => c.notNull())
    .addColumn('partners', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('links', 'text')
    .addColumn('cost_band', 'text', (c: any) => c.notNull())
    .addColumn('effort', 'text', (c: any) => c.notNull())
    .addColumn('year', 'integer', (c: any) => c.notNull())
    .addColumn('is_demo', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('review_comment', 'text')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'integer')
    .execute();
  await db.schema.createIndex('practices_status_idx').on('practices').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('practices_library_idx').on('practices').columns(['library_id']).execute();
  await db.schema
    .createTable('practice_tags')
    .addColumn('practice_id', 'integer', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('practice_tags_pk', ['practice_id', 'kind', 'value'])
    .execute();
  await db.schema.createIndex('practice_tags_value_idx').on('practice_tags').columns(['kind', 'value']).execute();
  await id(db.schema.createTable('practice_adoptions'))
    .addColumn('practice_id', 'integer', (c: any) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('library_id', 'text', (c: any) => c.notNull())
    .addColumn('region_id', 'text', (c: any) => c.notNull())
    .addColumn('adopted_on', 'text', (c: any) => c.notNull())
    .addColumn('changes', 'text', (c: any) => c.notNull())
    .addColumn('is_demo', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('practice_adoptions_once_idx').on('practice_adoptions').columns(['practice_id', 'library_id']).unique().execute();
  await id(db.schema.createTable('practice_results'))
    .addColumn('practice_id', 'integer', (c: any) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('adoption_id', 'integer', (c: any) => c.references('practice_adoptions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c: any) => c.notNull())
    .addColumn('indicator', 'text', (c: any) => c.notNull())
    .addColumn('unit', 'text', (c: any) => c.notNull())
    .addColumn('before_value', 'real')
    .addColumn('before_date', 'text')
    .addColumn('after_value', 'real', (c: any) => c.notNull())
    .addColumn('after_date', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('practice_results_practice_idx').on('practice_results').columns(['practice_id', 'adoption_id']).execute();
  await id(db.schema.createTable('practice_questions'))
    .addColumn('practice_id', 'integer', (c: any) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('asked_by', 'integer')
    .addColumn('asker_name', 'text', (c: any) => c.notNull())
    .addColumn('question', 'text', (c: any) => c.notNull())
    .addColumn('asked_at', 'text', (c: any) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['practice_questions', 'practice_results', 'practice_adoptions', 'practice_tags', 'practices', 'practice_topics']) {
    await db.schema.dropTable(table).execute();
  }
}
