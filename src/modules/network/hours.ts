import { calendarTimeZone, isoWeekday, wallClockIn } from '../../services/calendar/index.js';
import type { FieldError } from '../../web/errors.js';

/** One opening interval on one weekday (1 = Monday … 7 = Sunday), times as HH:MM. */
export interface Interval {
  weekday: number;
  opens: string;
  closes: string;
}

/** How many intervals a day may have in the hours form (e.g. morning and afternoon). */
export const slotsPerDay = 2;

const timePattern = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/** Normalises "8:00" or "8.00" to "08:00"; null when it is not a time of day. */
export function normaliseTime(value: string): string | null {
  const m = timePattern.exec(value.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}

/** Form field name of one end of one interval: h{weekday}_{slot}_{opens|closes}. */
export function hoursFieldName(weekday: number, slot: number, end: 'opens' | 'closes'): string {
  return `h${weekday}_${slot}_${end}`;
}

/**
 * Reads the weekly hours form. An interval needs both times, opening before closing, and
 * the intervals of one day must not overlap. Every fault names its field.
 */
export function parseHoursForm(body: Record<string, unknown>): { hours: Interval[]; errors: FieldError[] } {
  const hours: Interval[] = [];
  const errors: FieldError[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const day: Interval[] = [];
    for (let slot = 1; slot <= slotsPerDay; slot++) {
      const opensField = hoursFieldName(weekday, slot, 'opens');
      const closesField = hoursFieldName(weekday, slot, 'closes');
      const rawOpens = String(body[opensField] ?? '').trim();
      const rawCloses = String(body[closesField] ?? '').trim();
      if (!rawOpens && !rawCloses) continue;
      const opens = rawOpens ? normaliseTime(rawOpens) : null;
      const closes = rawCloses ? normaliseTime(rawCloses) : null;
      if (!rawOpens) errors.push({ field: opensField, key: 'network.hours.missingOpens' });
      else if (!opens) errors.push({ field: opensField, key: 'network.hours.badTime', values: { value: rawOpens } });
      if (!rawCloses) errors.push({ field: closesField, key: 'network.hours.missingCloses' });
      else if (!closes) errors.push({ field: closesField, key: 'network.hours.badTime', values: { value: rawCloses } });
      if (opens && closes) {
        if (closes <= opens) errors.push({ field: closesField, key: 'network.hours.closesBeforeOpens', values: { opens, closes } });
        else day.push({ weekday, opens, closes });
      }
    }
    day.sort((a, b) => a.opens.localeCompare(b.opens));
    for (let i = 1; i < day.length; i++) {
      if (day[i]!.opens < day[i - 1]!.closes) {
        errors.push({ field: hoursFieldName(weekday, 2, 'opens'), key: 'network.hours.overlap', values: { weekday } });
      }
    }
    hours.push(...day);
  }
  return { hours, errors };
}

/** Total opening time per week in hours, for summaries. */
export function weeklyHours(hours: Interval[]): number {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return hours.reduce((sum, h) => sum + (minutes(h.closes) - minutes(h.opens)), 0) / 60;
}

/**
 * Whether a place is open at a moment, from its weekly hours read on the wall clock of its time zone
 * (Europe/Ljubljana unless told): open until when, or closed and when it opens next — later today, tomorrow,
 * or on a weekday within the week. Null when it has no hours at all. The weekly hours know no public holidays
 * or exceptions, so neither does this.
 */
export type OpenState =
  | { open: true; until: string }
  | { open: false; next: { day: 'today' | 'tomorrow' | 'later'; weekday: number; time: string } }
  | null;

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export function openState(hours: readonly Interval[], at: Date, timeZone: string = calendarTimeZone): OpenState {
  if (hours.length === 0) return null;
  const clock = wallClockIn(at, timeZone);
  const today = isoWeekday(`${clock.year}-${clock.month}-${clock.day}`);
  const now = Number(clock.hour) * 60 + Number(clock.minute);
  const onDay = (weekday: number) => hours.filter((h) => h.weekday === weekday).sort((a, b) => a.opens.localeCompare(b.opens));
  const todays = onDay(today);
  const current = todays.find((h) => minutesOf(h.opens) <= now && now < minutesOf(h.closes));
  if (current) {
    // Back-to-back intervals (08:00–12:00, 12:00–19:00) read as one: open until the last of them closes.
    let until = current.closes;
    for (const h of todays) if (h.opens === until) until = h.closes;
    return { open: true, until };
  }
  const later = todays.find((h) => minutesOf(h.opens) > now);
  if (later) return { open: false, next: { day: 'today', weekday: today, time: later.opens } };
  for (let ahead = 1; ahead <= 7; ahead++) {
    const weekday = ((today - 1 + ahead) % 7) + 1;
    const first = onDay(weekday)[0];
    if (first) return { open: false, next: { day: ahead === 1 ? 'tomorrow' : 'later', weekday, time: first.opens } };
  }
  return null;
}
