import type { Generated, Selectable } from 'kysely';

/** Where a job is in its life. `queued` → `running` → `succeeded` | `failed` | `cancelled`. */
export const jobStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  status: JobStatus;
  /** JSON of the handler's input. */
  payload: string;
  progress: Generated<number>;
  total: number | null;
  message: string | null;
  /** JSON of what the handler returned. */
  result: string | null;
  error: string | null;
  attempts: Generated<number>;
  /** 1 once someone asked to stop the job; the handler sees it at its next progress report. */
  cancel_requested: Generated<number>;
  created_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
}

declare module '../db/schema.js' {
  interface Database {
    jobs: JobsTable;
  }
}

export type JobRow = Selectable<JobsTable>;
