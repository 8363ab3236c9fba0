import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import type { FastifyReply } from 'fastify';
import ical, { ICalEventRepeatingFreq, ICalWeekday } from 'ical-generator';

/** The time zone of every timed event: the network's. */
export const calendarTimeZone = 'Europe/Ljubljana';

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const localDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const weekdays = [ICalWeekday.MO, ICalWeekday.TU, ICalWeekday.WE, ICalWeekday.TH, ICalWeekday.FR, ICalWeekday.SA, ICalWeekday.SU];

interface EventBase {
  /** Stable across feeds (the same thing keeps its UID, so calendars update it instead of adding it again); see calendarUid. */
  uid: string;
  summary: string;
  description?: string;
  location?: string;
  /** An absolute address to read more. */
  url?: string;
}

/** A meeting, a training session, an opening interval: local wall-clock times in Europe/Ljubljana. */
export interface TimedEvent extends EventBase {
  /** `YYYY-MM-DDTHH:MM` in Europe/Ljubljana. */
  start: string;
  /** `YYYY-MM-DDTHH:MM` in Europe/Ljubljana, after start. */
  end: string;
  /** Repeats every week on the start's weekday (or the given ISO weekdays, 1 = Monday … 7 = Sunday), until the given date if any. */
  weekly?: { days?: number[]; until?: string };
}

/** A deadline or another whole day (or several). */
export interface AllDayEvent extends EventBase {
  /** `YYYY-MM-DD`. */
  date: string;
  /** The last day, `YYYY-MM-DD`, when it spans several. */
  lastDate?: string;
}

export type CalendarEventInput = TimedEvent | AllDayEvent;

export interface CalendarInput {
  /** The calendar's name as calendar apps show it. */
  name: string;
  description?: string;
  events: CalendarEventInput[];
  /** When the feed was made (DTSTAMP); now unless given (tests give it). */
  stamp?: Date;
}

/** A UID from parts that identify a thing for good (e.g. `calendarUid('hours', 'kranj-central', 1, '08:00')`). */
export function calendarUid(...parts: (string | number)[]): string {
  return `${parts.map((p) => String(p).replace(/[^A-Za-z0-9._-]+/g, '_')).join('-')}@mreza`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a day plus some days. */
export function addDays(date: string, days: number): string {
  const m = localDate.exec(date);
  if (!m) throw new Error(`"${date}" is not a date (YYYY-MM-DD)`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

/** The ISO weekday (1 = Monday … 7 = Sunday) of a date. */
export function isoWeekday(date: string): number {
  const m = localDate.exec(date);
  if (!m) throw new Error(`"${date}" is not a date (YYYY-MM-DD)`);
  return ((new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay() + 6) % 7) + 1;
}

/** A moment's wall-clock reading in a time zone, each part as two (the year four) digits, 24-hour. */
export interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of a moment in a time zone (one formatter per zone, kept). */
export function wallClockIn(at: Date, timeZone: string): WallClock {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    wallClockFormats.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value])) as unknown as WallClock;
}

/** The date (YYYY-MM-DD) in Europe/Ljubljana of a moment. */
export function localDateOf(at: Date): string {
  const c = wallClockIn(at, calendarTimeZone);
  return `${c.year}-${c.month}-${c.day}`;
}

/** The first date on or after `from` (YYYY-MM-DD) that falls on the ISO weekday: where a weekly event starts. */
export function nextWeekday(from: string, weekday: number): string {
  return addDays(from, (weekday - isoWeekday(from) + 7) % 7);
}

/** A moment's UTC date and time as a zone-less string (see wallClock for why). */
function utcDigits(at: Date): string {
  return at.toISOString().slice(0, 19);
}

/** The moment of a Ljubljana wall-clock time (YYYY-MM-DDTHH:MM:SS). */
export function ljubljanaToUtc(local: string): Date {
  const asUtc = Date.parse(`${local}Z`);
  const offsetAt = (t: number) => {
    const c = wallClockIn(new Date(t), calendarTimeZone);
    return Date.parse(`${c.year}-${c.month}-${c.day}T${c.hour}:${c.minute}:${c.second}Z`) - t;
  };
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first));
}

// ical-generator writes a Date with a time zone from the *process's* local clock (getHours),
// so a server running in UTC would put 08:00 UTC down as 08:00 Ljubljana. A local date-time
// string is read by the same local clock, so its digits come out unchanged: we hand it the
// Ljubljana wall-clock time as such a string.
function wallClock(value: string, field: string): string {
  const m = localDateTime.exec(value);
  if (!m) throw new Error(`${field} "${value}" is not a local date and time (YYYY-MM-DDTHH:MM)`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`;
}

/**
 * The iCalendar text (RFC 5545) of a feed: timed events in Europe/Ljubljana with its VTIMEZONE,
 * all-day events for deadlines, weekly recurrence, text escaped and lines folded at 75 octets
 * (ical-generator does both).
 */
export function buildCalendar(input: CalendarInput): string {
  const stamp = input.stamp ?? new Date();
  const calendar = ical({
    name: input.name,
    description: input.description ?? null,
    prodId: { company: 'Mreža', product: 'mreza', language: 'SL' },
    timezone: { name: calendarTimeZone, generator: getVtimezoneComponent },
  });
  // DTSTAMP must be UTC; with a calendar time zone ical-generator writes the stamp's local-clock
  // digits without the Z. Hand it the UTC digits as a local string and add the Z below.
  const stampDigits = utcDigits(stamp);
  const seen = new Set<string>();
  for (const event of input.events) {
    if (seen.has(event.uid)) throw new Error(`Two events share the UID ${event.uid}`);
    seen.add(event.uid);
    const common = {
      id: event.uid,
      summary: event.summary,
      description: event.description ?? null,
      location: event.location ?? null,
      url: event.url ?? null,
      stamp: stampDigits,
    };
    if ('date' in event) {
      const last = event.lastDate ?? event.date;
      if (addDays(last, 0) < addDays(event.date, 0)) throw new Error(`Event ${event.uid} ends (${last}) before it starts (${event.date})`);
      // DTEND of an all-day event is the day after the last (exclusive).
      calendar.createEvent({ ...common, allDay: true, timezone: calendarTimeZone, start: `${event.date}T00:00:00`, end: `${addDays(last, 1)}T00:00:00` });
    } else {
      const start = wallClock(event.start, 'start');
      const end = wallClock(event.end, 'end');
      if (end <= start) throw new Error(`Event ${event.uid} ends (${event.end}) before it starts (${event.start})`);
      const days = event.weekly ? (event.weekly.days ?? [isoWeekday(start.slice(0, 10))]) : [];
      if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) throw new Error(`Event ${event.uid}: weekdays are 1 (Monday) to 7 (Sunday)`);
      calendar.createEvent({
        ...common,
        start,
        end,
        timezone: calendarTimeZone,
        repeating: event.weekly
          ? {
              freq: ICalEventRepeatingFreq.WEEKLY,
              byDay: days.map((d) => weekdays[d - 1]!),
              // UNTIL is UTC when DTSTART has a TZID (RFC 5545 3.3.10): the end of that day in Ljubljana,
              // as UTC digits in a local string (the Z is added below, as for DTSTAMP).
              ...(event.weekly.until ? { until: utcDigits(ljubljanaToUtc(`${addDays(event.weekly.until, 0)}T23:59:59`)) } : {}),
            }
          : null,
      });
    }
  }
  // Every content line ends in CRLF, the last one too (RFC 5545 3.1).
  return calendar
    .toString()
    .replace(/(\r\n)?$/, '\r\n')
    .replace(/^DTSTAMP:(\d{8}T\d{6})\r$/gm, 'DTSTAMP:$1Z\r')
    .replace(/^(RRULE:.*;UNTIL=\d{8}T\d{6})(?=[;\r])/gm, '$1Z');
}

/** Sends a feed as `text/calendar; charset=utf-8` with a file name (e.g. `kranj-hours.ics`). */
export function sendCalendar(reply: FastifyReply, text: string, filename: string): FastifyReply {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '-');
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="${safe}"`)
    .header('cache-control', 'public, max-age=3600')
    .send(text);
}
