import { describe, expect, it } from 'vitest';
import { normaliseTime, openState, parseHoursForm, weeklyHours, type Interval } from './hours.js';

describe('parseHoursForm', () => {
  it('reads intervals per weekday in time order', () => {
    const { hours, errors } = parseHoursForm({ h1_1_opens: '13:00', h1_1_closes: '19:00', h1_2_opens: '8:00', h1_2_closes: '12.00', h6_1_opens: '08:00', h6_1_closes: '12:00' });
    expect(errors).toEqual([]);
    expect(hours).toEqual([
      { weekday: 1, opens: '08:00', closes: '12:00' },
      { weekday: 1, opens: '13:00', closes: '19:00' },
      { weekday: 6, opens: '08:00', closes: '12:00' },
    ]);
    expect(weeklyHours(hours)).toBe(14);
  });

  it('names the field of each fault', () => {
    const { errors } = parseHoursForm({ h2_1_opens: '18:00', h2_1_closes: '09:00', h3_1_opens: '25:00', h3_1_closes: '12:00', h4_1_opens: '09:00' });
    expect(errors.map((e) => [e.field, e.key])).toEqual([
      ['h2_1_closes', 'network.hours.closesBeforeOpens'],
      ['h3_1_opens', 'network.hours.badTime'],
      ['h4_1_closes', 'network.hours.missingCloses'],
    ]);
  });

  it('refuses overlapping periods of one day', () => {
    const { errors } = parseHoursForm({ h1_1_opens: '08:00', h1_1_closes: '14:00', h1_2_opens: '13:00', h1_2_closes: '19:00' });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.key).toBe('network.hours.overlap');
  });

  it('normalises times', () => {
    expect(normaliseTime('7.30')).toBe('07:30');
    expect(normaliseTime('24:00')).toBeNull();
    expect(normaliseTime('noon')).toBeNull();
  });
});

describe('openState', () => {
  // Mon–Fri 08:00–19:00, Saturday 08:00–12:00 and 13:00–15:00, Sunday closed.
  const week: Interval[] = [
    ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '19:00' })),
    { weekday: 6, opens: '08:00', closes: '12:00' },
    { weekday: 6, opens: '13:00', closes: '15:00' },
  ];
  const at = (iso: string) => new Date(iso);

  it('is open until closing time, on the Ljubljana clock in winter (UTC+1) and summer (UTC+2)', () => {
    // Tuesday 13 January 2026, 10:00 in Ljubljana = 09:00 UTC.
    expect(openState(week, at('2026-01-13T09:00:00Z'))).toEqual({ open: true, until: '19:00' });
    // Tuesday 14 July 2026, 18:59 in Ljubljana = 16:59 UTC; at 19:00 it has closed.
    expect(openState(week, at('2026-07-14T16:59:00Z'))).toEqual({ open: true, until: '19:00' });
    expect(openState(week, at('2026-07-14T17:00:00Z'))).toEqual({ open: false, next: { day: 'tomorrow', weekday: 3, time: '08:00' } });
  });

  it('reads the clock across the change to summer time (Sunday 29 March 2026, 02:00 → 03:00)', () => {
    // Monday 30 March 07:30 in Ljubljana is 05:30 UTC (UTC+2): not yet open — a fixed UTC+1 would say 06:30 too.
    expect(openState(week, at('2026-03-30T05:30:00Z'))).toEqual({ open: false, next: { day: 'today', weekday: 1, time: '08:00' } });
    // 06:30 UTC is 08:30 in Ljubljana after the change (a fixed UTC+1 would still say 07:30, closed).
    expect(openState(week, at('2026-03-30T06:30:00Z'))).toEqual({ open: true, until: '19:00' });
    // Saturday 28 March, before the change: 06:30 UTC is 07:30 in Ljubljana.
    expect(openState(week, at('2026-03-28T06:30:00Z'))).toEqual({ open: false, next: { day: 'today', weekday: 6, time: '08:00' } });
  });

  it('reads the clock across the change back to winter time (Sunday 25 October 2026, 03:00 → 02:00)', () => {
    // Friday 23 October 18:30 in Ljubljana = 16:30 UTC (summer); Monday 26 October 18:30 = 17:30 UTC (winter).
    expect(openState(week, at('2026-10-23T16:30:00Z'))).toEqual({ open: true, until: '19:00' });
    expect(openState(week, at('2026-10-26T17:30:00Z'))).toEqual({ open: true, until: '19:00' });
    expect(openState(week, at('2026-10-26T18:00:00Z'))).toEqual({ open: false, next: { day: 'tomorrow', weekday: 2, time: '08:00' } });
  });

  it('says when it opens next: later today, tomorrow or on a later weekday', () => {
    // Saturday 17 January 2026, 12:30 in Ljubljana (between the two intervals).
    expect(openState(week, at('2026-01-17T11:30:00Z'))).toEqual({ open: false, next: { day: 'today', weekday: 6, time: '13:00' } });
    // Saturday 16:00: next is Monday (Sunday is closed).
    expect(openState(week, at('2026-01-17T15:00:00Z'))).toEqual({ open: false, next: { day: 'later', weekday: 1, time: '08:00' } });
    // 23:30 UTC on Saturday is 00:30 on Sunday in Ljubljana: it opens tomorrow, Monday.
    expect(openState(week, at('2026-01-17T23:30:00Z'))).toEqual({ open: false, next: { day: 'tomorrow', weekday: 1, time: '08:00' } });
  });

  it('joins back-to-back intervals, comes round the week, and knows nothing without hours', () => {
    const split = [
      { weekday: 2, opens: '08:00', closes: '12:00' },
      { weekday: 2, opens: '12:00', closes: '19:00' },
    ];
    expect(openState(split, at('2026-01-13T09:00:00Z'))).toEqual({ open: true, until: '19:00' });
    // Only Tuesdays: on a Tuesday evening it next opens on the Tuesday a week later.
    expect(openState(split, at('2026-01-13T19:00:00Z'))).toEqual({ open: false, next: { day: 'later', weekday: 2, time: '08:00' } });
    expect(openState([], at('2026-01-13T09:00:00Z'))).toBeNull();
  });
});
