import type { Generated, Selectable } from 'kysely';

/** Who gives a course. */
export const organisers = ['ook', 'nuk', 'izum', 'association', 'other'] as const;
export type Organiser = (typeof organisers)[number];

/** Where a registration stands. */
export const registrationStatuses = ['registered', 'waiting', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** What the trainer recorded. */
export const attendanceKinds = ['full', 'partial', 'absent'] as const;
export type Attendance = (typeof attendanceKinds)[number];

export interface TrainingCompetenceTable {
  id: string;
  name_sl: string;
  name_en: string;
  position: number;
}

export interface TrainingCourseTable {
  id: Generated<number>;
  title: string;
  description: string;
  /** Competence ids, comma-separated. */
  competences: string;
  hours: number;
  organiser: Organiser;
  /** Roles the course is for, comma-separated ('' = every role that registers). */
  audience_roles: string;
  /** Regions the course is for, comma-separated ('' = the whole country). */
  audience_regions: string;
  /** The offering coordinator's region; null for a national course. */
  region_id: string | null;
  /** 1 when partial attendance also earns a certificate. */
  certificate_on_partial: number;
  is_demo: number;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface TrainingCoursePrerequisiteTable {
  course_id: number;
  requires_id: number;
}

export interface TrainingSessionTable {
  id: Generated<number>;
  course_id: number;
  /** Europe/Ljubljana wall-clock, YYYY-MM-DDTHH:MM. */
  starts_at: string;
  ends_at: string;
  registration_deadline: string;
  place: string;
  online_url: string;
  capacity: number;
  trainers: string;
  is_demo: number;
  created_at: string;
  created_by: number | null;
}

export interface TrainingRegistrationTable {
  id: Generated<number>;
  session_id: number;
  user_id: number;
  user_name: string;
  library_id: string | null;
  region_id: string | null;
  status: RegistrationStatus;
  queued_at: string;
  cancelled_at: string | null;
  attendance: Attendance | null;
  attended_hours: number | null;
  attendance_at: string | null;
  attendance_by: number | null;
  /** When the reminder before the session went out (never twice). */
  reminded_at: string | null;
  is_demo: number;
}

export interface TrainingCertificateTable {
  id: Generated<number>;
  registration_id: number;
  code: string;
  user_id: number;
  user_name: string;
  course_title: string;
  organiser: Organiser;
  session_date: string;
  hours: number;
  attendance: Attendance;
  issued_at: string;
}

export interface TrainingTargetTable {
  year: number;
  hours: number;
  updated_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    training_competences: TrainingCompetenceTable;
    training_courses: TrainingCourseTable;
    training_course_prerequisites: TrainingCoursePrerequisiteTable;
    training_sessions: TrainingSessionTable;
    training_registrations: TrainingRegistrationTable;
    training_certificates: TrainingCertificateTable;
    training_targets: TrainingTargetTable;
  }
}

export type Competence = Selectable<TrainingCompetenceTable>;
export type Course = Selectable<TrainingCourseTable>;
export type Session = Selectable<TrainingSessionTable>;
export type Registration = Selectable<TrainingRegistrationTable>;
export type Certificate = Selectable<TrainingCertificateTable>;
