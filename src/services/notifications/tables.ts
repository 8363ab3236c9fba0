import type { Generated, Selectable } from 'kysely';

/** How a person gets one kind of notification by e-mail; in-app they always get it. */
export const emailModes = ['immediate', 'digest', 'off'] as const;
export type EmailMode = (typeof emailModes)[number];

/** Where an e-mail of the outbox is: waiting (or waiting for a retry), being sent, sent, given up, or not sent (no such active person). */
export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  /** e.g. `stats.report.submitted`; its messages are `notify.<kind>.title|body|label`. */
  kind: string;
  /** JSON of the values the messages take. */
  params: string;
  /** Path inside Mreža the notification leads to, or null. */
  link: string | null;
  created_at: string;
  read_at: string | null;
  /** The person's e-mail choice for this kind when it was made. */
  email: EmailMode;
  /** The e-mail that carries it (its own, or the digest it went into). */
  mail_id: number | null;
}

export interface NotificationMailTable {
  id: Generated<number>;
  user_id: number;
  /** 1 for a daily digest (its notifications point to it), 0 for one notification's own e-mail. */
  is_digest: Generated<number>;
  status: MailStatus;
  attempts: Generated<number>;
  /** Not sent before this time (ISO); moves forward after each refused attempt. */
  next_attempt_at: string;
  /** When a sender took it; a stale claim (a crashed process) is taken again. */
  claimed_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface NotificationPreferencesTable {
  user_id: number;
  /** The language of the person's e-mails; null: the site's default. */
  locale: string | null;
  updated_at: string;
}

export interface NotificationEmailChoicesTable {
  user_id: number;
  kind: string;
  mode: EmailMode;
}

export interface NotificationDigestRunsTable {
  /** The local date (YYYY-MM-DD in the configured time zone) whose digest was started. */
  day: string;
  created_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    notifications: NotificationsTable;
    notification_mail: NotificationMailTable;
    notification_preferences: NotificationPreferencesTable;
    notification_email_choices: NotificationEmailChoicesTable;
    notification_digest_runs: NotificationDigestRunsTable;
  }
}

export type NotificationRow = Selectable<NotificationsTable>;
export type MailRow = Selectable<NotificationMailTable>;
