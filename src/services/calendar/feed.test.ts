import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCalendar, calendarUid, ljubljanaToUtc, nextWeekday, type CalendarInput } from './feed.js';

const stamp = new Date('2026-01-10T12:34:56Z');
const longText = 'Odprto za vse: čitalnica, izposoja, e-knjige; pravljične ure, ' + 'šumniki čšžćđ ČŠŽĆĐ in €, '.repeat(6) + 'konec.';

const sample: CalendarInput = {
  name: 'Mestna knjižnica Kranj; odpiralni čas, demo',
  stamp,
  events: [
    { uid: calendarUid('hours', 'kranj-central', 1, '09:00'), summary: 'Odprto; osrednja, Kranj\\Gorenjska', description: `${longText}\nDruga vrstica.`, location: 'Gregorčičeva 1, Kranj', start: '2026-01-12T09:00', end: '2026-01-12T19:00', weekly: {} },
    { uid: calendarUid('hours', 'kranj-central', 6, '08:00'), summary: 'Sobota', start: '2026-01-17T08:00', end: '2026-01-17T12:00', weekly: { until: '2026-06-27' } },
    { uid: calendarUid('deadline', 'stats', 2025), summary: 'Rok za letno poročilo', date: '2026-03-31' },
    { uid: calendarUid('training', 7), summary: 'Usposabljanje (dva dni)', date: '2026-04-14', lastDate: '2026-04-15', url: 'https://mreza.test/training/7' },
    { uid: calendarUid('meeting', 3), summary: 'Seja sveta (poletni čas)', start: '2026-07-01T10:00', end: '2026-07-01T12:30' },
  ],
};

function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  for (const tz of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return { component, events, byUid: (uid: string) => events.find((e) => e.uid === uid)! };
}

describe('iCalendar feeds', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
    ICAL.TimezoneService.reset();
  });

  it('puts timed events in Europe/Ljubljana with its VTIMEZONE, so a parser finds the right moment in winter and summer', () => {
    const { component, byUid } = parse(buildCalendar(sample));
    expect(component.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/Ljubljana');
    const monday = byUid('hours-kranj-central-1-09_00@mreza');
    expect(monday.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Ljubljana');
    expect(monday.startDate.zone!.tzid).toBe('Europe/Ljubljana');
    expect(monday.startDate.toString()).toBe('2026-01-12T09:00:00');
    expect(monday.startDate.toJSDate().toISOString()).toBe('2026-01-12T08:00:00.000Z');
    expect(monday.endDate.toJSDate().toISOString()).toBe('2026-01-12T18:00:00.000Z');
    const summer = byUid('meeting-3@mreza');
    expect(summer.startDate.toJSDate().toISOString()).toBe('2026-07-01T08:00:00.000Z');
  });

  it('writes the same feed whatever the server’s own time zone is', () => {
    process.env.TZ = 'UTC';
    const utc = buildCalendar(sample);
    process.env.TZ = 'America/New_York';
    expect(buildCalendar(sample)).toBe(utc);
    process.env.TZ = 'Asia/Tokyo';
    expect(buildCalendar(sample)).toBe(utc);
  });

  it('repeats weekly events on their weekday (until a date when given), across the change to summer time', () => {
    const { byUid } = parse(buildCalendar(sample));
    const monday = byUid('hours-kranj-central-1-09_00@mreza');
    expect(monday.isRecurring()).toBe(true);
    const it = monday.iterator();
    const starts: string[] = [];
    for (let next = it.next(); next && starts.length < 12; next = it.next()) starts.push(next.toString());
    expect(starts[1]).toBe('2026-01-19T09:00:00');
    // 30 March 2026 is the first Monday of summer time: still 09:00 local, now 07:00 UTC.
    expect(starts[11]).toBe('2026-03-30T09:00:00');
    const march30 = monday.getOccurrenceDetails(ICAL.Time.fromDateTimeString('2026-03-30T09:00:00', monday.component.getFirstProperty('dtstart')!));
    expect(march30.startDate.toJSDate().toISOString()).toBe('2026-03-30T07:00:00.000Z');

    const saturday = byUid('hours-kranj-central-6-08_00@mreza');
    const all: string[] = [];
    const sit = saturday.iterator();
    for (let next = sit.next(); next && all.length < 100; next = sit.next()) all.push(next.toString());
    expect(all[0]).toBe('2026-01-17T08:00:00');
    expect(all.at(-1)).toBe('2026-06-27T08:00:00');
  });

  it('writes deadlines as all-day events (the end is the day after the last)', () => {
    const text = buildCalendar(sample);
    expect(text).toContain('DTSTART;VALUE=DATE:20260331\r\n');
    const { byUid } = parse(text);
    const deadline = byUid('deadline-stats-2025@mreza');
    expect(deadline.startDate.isDate).toBe(true);
    expect(deadline.startDate.toString()).toBe('2026-03-31');
    const training = byUid('training-7@mreza');
    expect(training.startDate.toString()).toBe('2026-04-14');
    expect(training.endDate.toString()).toBe('2026-04-16');
    expect(training.component.getFirstPropertyValue('url')).toBe('https://mreza.test/training/7');
  });

  it('escapes text, folds lines at 75 octets without splitting a character, and ends lines with CRLF', () => {
    const text = buildCalendar(sample);
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(text).toContain('SUMMARY:Odprto\\; osrednja\\, Kranj\\\\Gorenjska');
    const { byUid } = parse(text);
    const monday = byUid('hours-kranj-central-1-09_00@mreza');
    expect(monday.summary).toBe('Odprto; osrednja, Kranj\\Gorenjska');
    expect(monday.description).toBe(`${longText}\nDruga vrstica.`);
    expect(monday.location).toBe('Gregorčičeva 1, Kranj');
  });

  it('keeps UIDs stable between feeds and writes DTSTAMP and UNTIL in UTC', () => {
    const first = buildCalendar(sample);
    const later = buildCalendar({ ...sample, stamp: new Date('2026-02-01T00:00:00Z') });
    const uids = (text: string) => parse(text).events.map((e) => e.uid);
    expect(uids(later)).toEqual(uids(first));
    expect(first).toMatch(/\r\nDTSTAMP:20260110T123456Z\r\n/);
    // The last Saturday in Ljubljana ends at 21:59:59 UTC (summer time).
    expect(first).toMatch(/RRULE:FREQ=WEEKLY;UNTIL=20260627T215959Z;BYDAY=SA\r\n/);
    expect(() => buildCalendar({ ...sample, events: [sample.events[0]!, sample.events[0]!] })).toThrow(/share the UID/);
    expect(() => buildCalendar({ name: 'x', events: [{ uid: 'a', summary: 'a', start: '2026-01-12T10:00', end: '2026-01-12T09:00' }] })).toThrow(/before it starts/);
  });

  it('finds the next date on a weekday, and Ljubljana times in UTC', () => {
    expect(nextWeekday('2026-01-14', 3)).toBe('2026-01-14');
    expect(nextWeekday('2026-01-14', 1)).toBe('2026-01-19');
    expect(ljubljanaToUtc('2026-01-14T09:00:00').toISOString()).toBe('2026-01-14T08:00:00.000Z');
    expect(ljubljanaToUtc('2026-08-14T09:00:00').toISOString()).toBe('2026-08-14T07:00:00.000Z');
  });
});
