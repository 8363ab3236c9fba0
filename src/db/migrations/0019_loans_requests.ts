import { PostgresAdapter, type Kysely } from 'kysely';

// Interlibrary loan: requests, their lender rota, their history, the ISO 18626 messages in and out
// (an incoming message is stored under a unique key before it is applied, so a repeat changes nothing),
// and the external agencies the platform talks to.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  await db.schema
    .createTable('loans_requests')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('borrower_library_id', 'text', (c) => c.notNull())
    .addColumn('pickup_service_point_id', 'integer')
    .addColumn('patron_ref', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('needed_before', 'text')
    .addColumn('note', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('lender_library_id', 'text')
    .addColumn('answer_due', 'text')
    .addColumn('reason_unfilled', 'text')
    .addColumn('due_date', 'text')
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flag_reason', 'text')
    .addColumn('peer_agency', 'text')
    .addColumn('peer_request_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('loans_requests_borrower').on('loans_requests').columns(['borrower_library_id', 'state']).execute();
  await db.schema.createIndex('loans_requests_lender').on('loans_requests').columns(['lender_library_id', 'state']).execute();
  await db.schema.createIndex('loans_requests_peer').on('loans_requests').columns(['peer_agency', 'peer_request_id']).unique().execute();
  await db.schema.createIndex('loans_requests_due').on('loans_requests').column('answer_due').execute();

  await db.schema
    .createTable('loans_rota')
    .addColumn('request_id', 'integer', (c) => c.notNull().references('loans_requests.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('library_id', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason_unfilled', 'text')
    .addColumn('decided_at', 'text')
    .addPrimaryKeyConstraint('loans_rota_pk', ['request_id', 'position'])
    .execute();
  await db.schema.createIndex('loans_rota_library').on('loans_rota').columns(['library_id', 'status']).execute();

  await db.schema
    .createTable('loans_events')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('loans_requests.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('library_id', 'text')
    .addColumn('user_id', 'integer')
    .addColumn('note', 'text')
    .addColumn('refused', 'text')
    .execute();
  await db.schema.createIndex('loans_events_request').on('loans_events').columns(['request_id', 'id']).execute();

  await db.schema
    .createTable('loans_messages')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('request_id', 'integer')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confirmation', 'text')
    .addColumn('error_type', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('loans_messages_key', ['direction', 'message_key'])
    .execute();

  await db.schema
    .createTable('loans_agencies')
    .addColumn('symbol', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('is_national', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['loans_agencies', 'loans_messages', 'loans_events', 'loans_rota', 'loans_requests']) await db.schema.dropTable(table).execute();
}
