import { PostgresAdapter, type Kysely } from 'kysely';

// The files service (src/services/files): one row per uploaded file (the bytes themselves are kept
// once per content hash by the storage), and the references owners hold to files; a file nothing
// refers to any more is removed with its bytes.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('files')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    /** sha-256 of the bytes, hex: the storage's key. */
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    /** Decided from the content (magic bytes), never from the name. */
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('alt_text', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_hash_idx').on('files').column('hash').execute();
  await db.schema.createIndex('files_created_idx').on('files').column('created_at').execute();

  await db.schema
    .createTable('file_refs')
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id').onDelete('cascade'))
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_refs_pk', ['owner_kind', 'owner_id', 'role', 'file_id'])
    .execute();
  await db.schema.createIndex('file_refs_file_idx').on('file_refs').column('file_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('file_refs').execute();
  await db.schema.dropTable('files').execute();
}
