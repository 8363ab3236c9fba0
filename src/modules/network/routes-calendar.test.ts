import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';

describe.each(testDialects)('a library’s opening hours as a calendar feed on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { publicUrl: 'https://mreza.test' });
  });
  afterAll(async () => t?.close());

  it('is linked from the library page and answers text/calendar with a file name, one weekly event per opening interval', async () => {
    const client = await t.client();
    const page = await client.get('/libraries/kranj');
    expect(page.body).toContain('<a href="/libraries/kranj/hours.ics" type="text/calendar">Dodaj odpiralni čas v svoj koledar (iCalendar)</a>');

    const response = await client.get('/libraries/kranj/hours.ics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="kranj-hours.ics"');

    const hours = await t.db
      .selectFrom('opening_hours as h')
      .innerJoin('service_points as p', 'p.id', 'h.service_point_id')
      .select(['p.code', 'p.name', 'h.weekday', 'h.opens', 'h.closes', 'h.is_demo'])
      .where('p.library_id', '=', 'kranj')
      .execute();
    expect(hours.length).toBeGreaterThan(0);
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(hours.length);
    const first = hours[0]!;
    const event = events.find((e) => e.uid === `hours-${first.code}-${first.weekday}-${first.opens.replace(':', '_')}@mreza`)!;
    expect(event.summary).toBe(`Odprto: ${first.name}`);
    expect(event.isRecurring()).toBe(true);
    expect(event.component.getFirstPropertyValue('rrule')!.toString()).toMatch(/^FREQ=WEEKLY;BYDAY=(MO|TU|WE|TH|FR|SA|SU)$/);
    expect(event.startDate.toString().slice(11, 16)).toBe(first.opens);
    expect(event.endDate.toString().slice(11, 16)).toBe(first.closes);
    expect(event.startDate.zone!.tzid).toBe('Europe/Ljubljana');
    // ical.js counts 1 = Sunday … 7 = Saturday; the network 1 = Monday … 7 = Sunday.
    expect(((event.startDate.dayOfWeek() + 5) % 7) + 1).toBe(first.weekday);
    // The network's hours are demonstration values: the feed says so.
    expect(hours.some((h) => h.is_demo === 1)).toBe(true);
    expect(calendar.getFirstPropertyValue('x-wr-caldesc') ?? calendar.getFirstPropertyValue('description')).toMatch(/^Prikazni podatki/);
    expect(event.description).toContain('https://mreza.test/libraries/kranj');

    const english = await client.get('/libraries/kranj/hours.ics?lang=en');
    expect(english.body).toContain(`SUMMARY:Open: ${first.name}`);
    expect(english.body).toContain("not the library's real opening hours");
  });

  it('answers 404 for a library that does not exist', async () => {
    const response = await (await t.client()).get('/libraries/ni-je/hours.ics');
    expect(response.statusCode).toBe(404);
  });
});
