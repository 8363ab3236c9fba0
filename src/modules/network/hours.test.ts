import { describe, expect, it } from 'vitest';
import { normaliseTime, parseHoursForm, weeklyHours } from './hours.js';

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
