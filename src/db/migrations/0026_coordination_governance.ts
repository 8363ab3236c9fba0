import { PostgresAdapter, type Kysely } from 'kysely';

// Coordination of the ten OOK: the national team and working groups with their members and terms,
// meetings (agenda, attendance, minutes as Markdown), the decisions ("sklepi") taken there with an
// owner, a due date, a status and evidence of completion; and each OOK's annual programme per
// special task: targets with quarterly progress, budget lines (integer cents) and its report text.
// Network ids (region_id) and account ids (user_id, owner_id) are plain keys, as in other modules.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  const key = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('coordination_groups')
    .addColumn('id', id, key)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('remit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outputs', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('region_id', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('coordination_members')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('coordination_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('member_role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('term_from', 'text', (c) => c.notNull())
    .addColumn('term_to', 'text')
    .addPrimaryKeyConstraint('coordination_members_pk', ['group_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('coordination_meetings')
    .addColumn('id', id, key)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('coordination_groups.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('agenda', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('coordination_meetings_group_idx').on('coordination_meetings').columns(['group_id', 'held_on']).execute();

  await db.schema
    .createTable('coordination_attendance')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('coordination_meetings.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('coordination_attendance_pk', ['meeting_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('coordination_decisions')
    .addColumn('id', id, key)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('coordination_meetings.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.notNull())
    .addColumn('region_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('done_on', 'text')
    .addColumn('reminded_on', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('coordination_decisions_board_idx').on('coordination_decisions').columns(['status', 'due_on']).execute();

  await db.schema
    .createTable('coordination_programmes')
    .addColumn('id', id, key)
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('report_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitted_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('coordination_programmes_region_year_key', ['region_id', 'year'])
    .execute();

  await db.schema
    .createTable('coordination_targets')
    .addColumn('id', id, key)
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('coordination_programmes.id').onDelete('cascade'))
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('target', 'integer', (c) => c.notNull())
    .addColumn('library_ids', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('coordination_progress')
    .addColumn('target_id', 'integer', (c) => c.notNull().references('coordination_targets.id').onDelete('cascade'))
    .addColumn('quarter', 'integer', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('coordination_progress_pk', ['target_id', 'quarter'])
    .execute();

  await db.schema
    .createTable('coordination_budget_lines')
    .addColumn('id', id, key)
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('coordination_programmes.id').onDelete('cascade'))
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('cost_kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('planned_cents', 'integer', (c) => c.notNull())
    .addColumn('spent_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'coordination_budget_lines',
    'coordination_progress',
    'coordination_targets',
    'coordination_programmes',
    'coordination_decisions',
    'coordination_attendance',
    'coordination_meetings',
    'coordination_members',
    'coordination_groups',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
