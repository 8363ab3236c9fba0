import { PostgresAdapter, type Kysely } from 'kysely';

// Professional training (issue 12): courses, their sessions, registrations with a waiting list,
// attendance, certificates with a verification code, the admin's yearly target of hours.
// - training_competences: the list of competences the admin keeps (courses name them by id).
// - training_courses: region_id null for a national course (the admin's), else the coordinator's region.
//   competences, audience_roles and audience_regions are comma-separated id lists ('' = everyone).
// - training_course_prerequisites: a course requires another course to have been attended in full.
// - training_sessions: starts_at, ends_at and registration_deadline are Europe/Ljubljana wall-clock
//   times 'YYYY-MM-DDTHH:MM' (decision 0020), because sessions are planned and read in local time.
// - training_registrations: one row per person and session; status registered | waiting | cancelled;
//   waiting order is queued_at then id. library_id and region_id are copies of the person's scope when
//   they registered (hours per library and region are counted from them). attendance full | partial | absent.
// - training_certificates: one per registration, with a unique verification code and the facts it states.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (t: any) => t.addColumn('id', pg ? 'serial' : 'integer', (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()));
  const real = pg ? 'double precision' : 'real';

  await db.schema
    .createTable('training_competences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_sl', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .insertInto('training_competences')
    .values([
      { id: 'cataloguing', name_sl: 'Katalogizacija', name_en: 'Cataloguing', position: 1 },
      { id: 'reference', name_sl: 'Informacijsko delo', name_en: 'Reference work', position: 2 },
      { id: 'reading', name_sl: 'Bralna kultura', name_en: 'Reading promotion', position: 3 },
      { id: 'digital', name_sl: 'Digitalne kompetence', name_en: 'Digital skills', position: 4 },
      { id: 'management', name_sl: 'Vodenje in upravljanje', name_en: 'Management', position: 5 },
      { id: 'inclusion', name_sl: 'Dostopnost in vključevanje', name_en: 'Accessibility and inclusion', position: 6 },
    ])
    .execute();

  await id(db.schema.createTable('training_courses'))
    .addColumn('title', 'text', (c: any) => c.notNull())
    .addColumn('description', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('competences', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('hours', real, (c: any) => c.notNull())
    .addColumn('organiser', 'text', (c: any) => c.notNull())
    .addColumn('audience_roles', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('audience_regions', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('region_id', 'text')
    .addColumn('certificate_on_partial', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .execute();

  await db.schema
    .createTable('training_course_prerequisites')
    .addColumn('course_id', 'integer', (c) => c.notNull().references('training_courses.id').onDelete('cascade'))
    .addColumn('requires_id', 'integer', (c) => c.notNull().references('training_courses.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('training_course_prerequisites_pk', ['course_id', 'requires_id'])
    .execute();

  await id(db.schema.createTable('training_sessions'))
    .addColumn('course_id', 'integer', (c: any) => c.notNull().references('training_courses.id').onDelete('cascade'))
    .addColumn('starts_at', 'text', (c: any) => c.notNull())
    .addColumn('ends_at', 'text', (c: any) => c.notNull())
    .addColumn('registration_deadline', 'text', (c: any) => c.notNull())
    .addColumn('place', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('online_url', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('capacity', 'integer', (c: any) => c.notNull())
    .addColumn('trainers', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('training_sessions_start_idx').on('training_sessions').columns(['starts_at']).execute();
  await db.schema.createIndex('training_sessions_course_idx').on('training_sessions').columns(['course_id']).execute();

  await id(db.schema.createTable('training_registrations'))
    .addColumn('session_id', 'integer', (c: any) => c.notNull().references('training_sessions.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c: any) => c.notNull())
    .addColumn('user_name', 'text', (c: any) => c.notNull())
    .addColumn('library_id', 'text')
    .addColumn('region_id', 'text')
    .addColumn('status', 'text', (c: any) => c.notNull())
    .addColumn('queued_at', 'text', (c: any) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('attendance', 'text')
    .addColumn('attended_hours', real)
    .addColumn('attendance_at', 'text')
    .addColumn('attendance_by', 'integer')
    .addColumn('is_demo', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addUniqueConstraint('training_registrations_person_uq', ['session_id', 'user_id'])
    .execute();
  await db.schema.createIndex('training_registrations_user_idx').on('training_registrations').columns(['user_id']).execute();

  await id(db.schema.createTable('training_certificates'))
    .addColumn('registration_id', 'integer', (c: any) => c.notNull().unique().references('training_registrations.id').onDelete('cascade'))
    .addColumn('code', 'text', (c: any) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c: any) => c.notNull())
    .addColumn('user_name', 'text', (c: any) => c.notNull())
    .addColumn('course_title', 'text', (c: any) => c.notNull())
    .addColumn('organiser', 'text', (c: any) => c.notNull())
    .addColumn('session_date', 'text', (c: any) => c.notNull())
    .addColumn('hours', real, (c: any) => c.notNull())
    .addColumn('attendance', 'text', (c: any) => c.notNull())
    .addColumn('issued_at', 'text', (c: any) => c.notNull())
    .execute();

  await db.schema
    .createTable('training_targets')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('hours', real, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['training_targets', 'training_certificates', 'training_registrations', 'training_sessions', 'training_course_prerequisites', 'training_courses', 'training_competences']) {
    await db.schema.dropTable(t).execute();
  }
}
