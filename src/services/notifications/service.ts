import path from 'node:path';
import { projectRoot, type Config } from '../../config.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import { enqueueJob, enqueueJobOnce, type JobLogger } from '../../jobs/index.js';
import { wallClockIn } from '../calendar/index.js';
import { createTranslators, isLocale, loadMessages, type Locale, type MessageValues, type Translator } from '../../web/i18n.js';
import type { Recipient, RecipientDirectory } from './directory.js';
import { kindOf } from './kinds.js';
import { createMailer, type Mailer } from './mailer.js';
import * as q from './queries.js';
import { absoluteLink, renderMail, renderMessage } from './render.js';
import type { EmailMode } from './tables.js';

/** Job kinds of the service: sending what is due, and gathering the daily digest. */
export const sendJobKind = 'notifications.send';
export const digestJobKind = 'notifications.digest';

/** What a module asks for: who gets it, which kind, the values its messages take, and where it leads. */
export interface NotifyInput {
  recipients: readonly number[];
  kind: string;
  params?: MessageValues;
  /** A path inside Mreža (e.g. `/staff/stats/review/12`). */
  link?: string | null;
}

/**
 * Notifies people: an in-app notification each, and an e-mail as each person chose for this
 * kind (at once, in the daily digest, or none). The e-mails are queued, never sent here: a job
 * sends them, so the caller's request never waits for a mail server. Given the transaction of the change
 * it tells of, it writes in that transaction. Returns the new notifications' ids.
 */
export async function notify(db: Db | Tx, input: NotifyInput): Promise<number[]> {
  const recipients = [...new Set(input.recipients)].filter((id) => Number.isInteger(id));
  if (recipients.length === 0) return [];
  const params = JSON.stringify(input.params ?? {});
  const fallback = kindOf(input.kind)?.defaultEmail ?? 'immediate';
  const at = new Date().toISOString();
  // Inside the caller's transaction the notifications commit with the change they tell of, or not at all.
  return inTransaction(db, async (tx) => {
    const choices = await q.emailChoicesFor(tx, recipients, input.kind);
    const ids: number[] = [];
    let queued = false;
    for (const userId of recipients) {
      const email: EmailMode = choices.get(userId) ?? fallback;
      const id = await q.insertNotification(tx, { user_id: userId, kind: input.kind, params, link: input.link ?? null, created_at: at, email });
      if (email === 'immediate') {
        await q.setNotificationMail(tx, id, await q.insertMail(tx, userId, false, at));
        queued = true;
      }
      ids.push(id);
    }
    if (queued) await enqueueJobOnce(tx, sendJobKind, {});
    return ids;
  });
}

/** Wait before the next attempt after `attempts` refused ones: 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/** After this many refused attempts an e-mail is given up (status `failed`, reason kept). */
export const maxAttempts = 10;
/** A claim older than this belongs to a sender that stopped; the e-mail is taken again. */
const staleClaimMs = 10 * 60_000;

/** The local date (YYYY-MM-DD) and hour of a moment in a time zone. */
export function localDayHour(at: Date, timeZone: string): { day: string; hour: number } {
  const c = wallClockIn(at, timeZone);
  return { day: `${c.year}-${c.month}-${c.day}`, hour: Number(c.hour) };
}

export interface NotificationServiceOptions {
  db: Db;
  config: Config;
  directory: RecipientDirectory;
  logger?: JobLogger;
  /** The transport; by default the configured one (see createMailer). */
  mailer?: Mailer;
}

/** What one pass of the sender did. */
export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
}

/**
 * The sending side: renders due e-mails in each recipient's language and hands them to the
 * transport, retrying refused ones with backoff; gathers the daily digest; and, in the serving
 * process, a clock that queues these jobs when their time comes.
 */
export class NotificationService {
  readonly db: Db;
  readonly config: Config;
  readonly directory: RecipientDirectory;
  private readonly logger: JobLogger;
  private mailerInstance: Mailer | undefined;
  private readonly translators: Record<Locale, Translator>;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  /** The last local day whose digest this process found recorded (by itself or another process). */
  private digestDaySeen: string | undefined;

  constructor(options: NotificationServiceOptions) {
    this.db = options.db;
    this.config = options.config;
    this.directory = options.directory;
    this.logger = options.logger ?? { info() {}, warn() {}, error() {} };
    this.mailerInstance = options.mailer;
    this.translators = createTranslators(loadMessages(path.join(projectRoot, 'locales')), options.config.timeZone);
  }

  private get mailer(): Mailer {
    return (this.mailerInstance ??= createMailer(this.config, this.logger));
  }

  /** The language of each of these people's e-mails: their stored preference, else their account's, else the site default. */
  async localesOf(recipients: Recipient[]): Promise<Map<number, Locale>> {
    const stored = await q.localesOf(this.db, recipients.map((r) => r.id));
    return new Map(
      recipients.map((r) => {
        const own = stored.get(r.id);
        return [r.id, isLocale(own) ? own : (r.locale ?? this.config.defaultLocale)];
      }),
    );
  }

  /** Sends every e-mail that is due; a refused one waits (1, 2, 4 … minutes) and is tried again on a later pass. */
  async deliverDue(now: Date = new Date()): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
    for (;;) {
      const at = now.toISOString();
      const batch = await q.claimDueMail(this.db, at, new Date(now.getTime() - staleClaimMs).toISOString(), 50);
      if (batch.length === 0) return report;
      const people = new Map((await this.directory.recipients(this.db, [...new Set(batch.map((m) => m.user_id))])).map((r) => [r.id, r]));
      const locales = await this.localesOf([...people.values()]);
      const carried = await q.notificationsOfMails(this.db, batch.map((m) => m.id));
      for (const mail of batch) {
        const person = people.get(mail.user_id);
        const items = carried.get(mail.id) ?? [];
        if (!person || !person.active || items.length === 0) {
          await q.finishMail(this.db, mail.id, { status: 'skipped', error: !person ? 'no such person' : !person.active ? 'account disabled' : 'nothing to send' });
          report.skipped++;
          continue;
        }
        const locale = locales.get(person.id) ?? this.config.defaultLocale;
        const rendered = renderMail(this.translators[locale], person.name, items, mail.is_digest === 1, this.config.publicUrl);
        try {
          await this.mailer.send({ to: { name: person.name, address: person.email }, ...rendered, language: locale });
          await q.finishMail(this.db, mail.id, { status: 'sent', at: new Date().toISOString() });
          report.sent++;
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          if (mail.attempts >= maxAttempts) {
            await q.finishMail(this.db, mail.id, { status: 'failed', error });
            report.failed++;
            this.logger.error({ err, mailId: mail.id, attempts: mail.attempts }, 'e-mail given up after repeated refusals');
          } else {
            const nextAttemptAt = new Date(now.getTime() + retryDelayMs(mail.attempts)).toISOString();
            await q.finishMail(this.db, mail.id, { status: 'pending', nextAttemptAt, error });
            report.retrying++;
            this.logger.error({ err, mailId: mail.id, attempts: mail.attempts, nextAttemptAt }, 'e-mail refused; will try again');
          }
        }
      }
    }
  }

  /**
   * Sends one e-mail at once to a person who asked for it (a password reset link): not an in-app
   * notification, and no e-mail choice applies. `<key>.subject`, `<key>.body` and `<key>.closing`
   * are its messages, in `locale` (else the person's language). Call it from a job: it waits for
   * the mail server and throws when it refuses. False when the person is unknown or disabled.
   */
  async sendMessage(userId: number, message: { key: string; params?: MessageValues; link: string; locale?: Locale }): Promise<boolean> {
    const [person] = await this.directory.recipients(this.db, [userId]);
    if (!person || !person.active) return false;
    const locale = message.locale ?? (await this.localesOf([person])).get(person.id) ?? this.config.defaultLocale;
    const t = this.translators[locale];
    const params = message.params ?? {};
    const rendered = renderMessage(t, person.name, {
      subject: t.t(`${message.key}.subject`, params),
      body: t.t(`${message.key}.body`, params),
      link: absoluteLink(this.config.publicUrl, message.link),
      closing: t.t(`${message.key}.closing`, params),
    });
    await this.mailer.send({ to: { name: person.name, address: person.email }, ...rendered, language: locale });
    return true;
  }

  /**
   * Puts each person's waiting digest notifications into one digest e-mail, then sends what is
   * due. Running it twice sends nothing twice: the second run finds nothing waiting.
   */
  async runDigest(now: Date = new Date()): Promise<DeliveryReport & { digests: number }> {
    let digests = 0;
    const at = now.toISOString();
    for (const userId of await q.usersWithDigestItems(this.db)) {
      const took = await this.db.transaction().execute(async (tx) => {
        const mailId = await q.insertMail(tx, userId, true, at);
        const n = await q.attachDigestItems(tx, userId, mailId);
        if (n === 0) await q.deleteMail(tx, mailId);
        return n;
      });
      if (took > 0) digests++;
    }
    return { digests, ...(await this.deliverDue(now)) };
  }

  /**
   * One beat of the clock: from the configured hour on, the day's digest job is queued once
   * (recorded per day, so two processes or a restart queue it once); and a send job is queued
   * when e-mails are due (retries whose wait is over) and none is waiting.
   */
  async tick(now: Date = new Date()): Promise<void> {
    const { day, hour } = localDayHour(now, this.config.timeZone);
    const at = now.toISOString();
    // Once this process has seen the day's digest recorded, later beats of the day skip the write.
    if (hour >= this.config.digestHour && this.digestDaySeen !== day) {
      await this.db.transaction().execute(async (tx) => {
        if (await q.startDigestDay(tx, day, at)) await enqueueJob(tx, digestJobKind, { day });
      });
      this.digestDaySeen = day;
    }
    if (await q.hasDueMail(this.db, at, new Date(now.getTime() - staleClaimMs).toISOString())) await enqueueJobOnce(this.db, sendJobKind, {});
  }

  /** Starts the clock (once a minute) in the serving process. */
  startSchedule(intervalMs = 60_000): void {
    if (this.timer) return;
    // A beat that finds the previous one still running (a slow database) is skipped, not stacked.
    const beat = () => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((err: unknown) => this.logger.error({ err }, 'notifications schedule failed'))
        .finally(() => {
          this.ticking = undefined;
        });
    };
    beat();
    this.timer = setInterval(beat, intervalMs);
    this.timer.unref();
  }

  /** Stops the clock and closes the mail transport. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    this.mailerInstance?.close();
    this.mailerInstance = undefined;
  }
}
