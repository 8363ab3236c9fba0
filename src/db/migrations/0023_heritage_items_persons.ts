import { PostgresAdapter, type Kysely } from 'kysely';

// Regional identity (issue 14): heritage items described in Dublin Core, grouped in collections, and the
// biographical lexicon of persons. Both go through the editorial flow (draft → submitted → returned |
// published, and withdrawn, which OAI-PMH reports as a deleted record); every change leaves a row in
// heritage_history. Places are the network's settlements (plain integer ids), regions plain text ids.
// Times are ISO-8601 text in UTC; flags 0/1 integers.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  const idColumn = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('heritage_collections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('title_sl', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('heritage_items')
    .addColumn('id', id, idColumn)
    .addColumn('collection_id', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull())
    // The first dc:title, kept for lists and sorting.
    .addColumn('title', 'text', (c) => c.notNull())
    // The DCMI type vocabulary term (Image, Text, Sound, MovingImage, PhysicalObject, …).
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    // The date as written ("ok. 1900", "1920–1930") and the year range it was read as.
    .addColumn('date_text', 'text')
    .addColumn('year_from', 'integer')
    .addColumn('year_to', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_comment', 'text')
    .addColumn('library_id', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // When the public record last changed (published, changed while published, or withdrawn): OAI's datestamp.
    .addColumn('datestamp', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('heritage_items_status').on('heritage_items').columns(['status', 'datestamp']).execute();

  await db.schema
    .createTable('heritage_item_values')
    .addColumn('item_id', 'integer', (c) => c.notNull())
    // One of the 15 Dublin Core elements (title, creator, subject, …).
    .addColumn('element', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    // BCP 47 language of the value (sl, en, de …) or null.
    .addColumn('lang', 'text')
    .addPrimaryKeyConstraint('heritage_item_values_pk', ['item_id', 'element', 'position'])
    .execute();

  await db.schema
    .createTable('heritage_item_places')
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('settlement_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('heritage_item_places_pk', ['item_id', 'settlement_id'])
    .execute();
  await db.schema.createIndex('heritage_item_places_settlement').on('heritage_item_places').column('settlement_id').execute();

  await db.schema
    .createTable('heritage_item_files')
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('file_id', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('heritage_item_files_pk', ['item_id', 'file_id'])
    .execute();

  await db.schema
    .createTable('heritage_persons')
    .addColumn('id', id, idColumn)
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Other forms of the name (maiden name, pseudonym, spellings), one per line.
    .addColumn('name_variants', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('birth_text', 'text')
    .addColumn('birth_year_from', 'integer')
    .addColumn('birth_year_to', 'integer')
    .addColumn('birth_settlement_id', 'integer')
    .addColumn('death_text', 'text')
    .addColumn('death_year_from', 'integer')
    .addColumn('death_year_to', 'integer')
    .addColumn('death_settlement_id', 'integer')
    .addColumn('biography', 'text', (c) => c.notNull().defaultTo(''))
    // One per line.
    .addColumn('occupations', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sources', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_comment', 'text')
    .addColumn('library_id', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('datestamp', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('heritage_persons_birth').on('heritage_persons').column('birth_settlement_id').execute();

  await db.schema
    .createTable('heritage_person_works')
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    // A catalog entry (its id) or a heritage item, with the title as picked.
    .addColumn('catalog_entry_id', 'integer')
    .addColumn('item_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('heritage_person_works_pk', ['person_id', 'position'])
    .execute();

  await db.schema
    .createTable('heritage_person_relations')
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('related_id', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('heritage_person_relations_pk', ['person_id', 'related_id'])
    .execute();

  await db.schema
    .createTable('heritage_history')
    .addColumn('id', id, idColumn)
    // 'item' or 'person'.
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    // created, updated, submitted, returned, published, withdrawn.
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('user_id', 'integer')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // The record as it was after the change (JSON), so every version can be read back.
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('heritage_history_entity').on('heritage_history').columns(['entity', 'entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'heritage_history',
    'heritage_person_relations',
    'heritage_person_works',
    'heritage_persons',
    'heritage_item_files',
    'heritage_item_places',
    'heritage_item_values',
    'heritage_items',
    'heritage_collections',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
