import { PostgresAdapter, type Kysely } from 'kysely';

// Issue 16, part 1: withdrawn material passed on. A library offers what it weeds (withdrawn_offers with
// their items), other libraries and partners claim copies (withdrawn_claims); the priority tier of a claim
// is kept with it, so the allocation is decided from the claims alone.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';

  await db.schema
    .createTable('withdrawn_offers')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('library_id', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('pickup_place', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pickup_note', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('withdrawn_offers_status_idx').on('withdrawn_offers').columns(['status', 'closes_on']).execute();
  await db.schema.createIndex('withdrawn_offers_library_idx').on('withdrawn_offers').columns(['library_id', 'opens_on']).execute();

  await db.schema
    .createTable('withdrawn_items')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('offer_id', 'integer', (c) => c.notNull().references('withdrawn_offers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('entry_id', 'integer')
    .addColumn('record_id', 'integer')
    .addColumn('control_number', 'text')
    .addColumn('barcode', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('year', 'integer')
    .addColumn('isbn', 'text')
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('copies', 'integer', (c) => c.notNull())
    .addColumn('place_municipality_id', 'text')
    .addColumn('discarded', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('withdrawn_items_offer_idx').on('withdrawn_items').columns(['offer_id', 'position']).execute();

  await db.schema
    .createTable('withdrawn_claims')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('offer_id', 'integer', (c) => c.notNull().references('withdrawn_offers.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('withdrawn_items.id').onDelete('cascade'))
    .addColumn('claimer_kind', 'text', (c) => c.notNull())
    .addColumn('claimer_library_id', 'text')
    .addColumn('claimer_name', 'text', (c) => c.notNull())
    .addColumn('claimer_user_id', 'integer')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('tier', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('granted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('collected_at', 'text')
    .addColumn('holding_added_at', 'text')
    .execute();
  await db.schema.createIndex('withdrawn_claims_item_idx').on('withdrawn_claims').columns(['item_id', 'tier', 'claimed_at']).execute();
  await db.schema.createIndex('withdrawn_claims_claimer_idx').on('withdrawn_claims').columns(['claimer_library_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('withdrawn_claims').execute();
  await db.schema.dropTable('withdrawn_items').execute();
  await db.schema.dropTable('withdrawn_offers').execute();
}
