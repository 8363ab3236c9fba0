import { Type } from '@sinclair/typebox';
import { addDays, buildCalendar, calendarUid, isoWeekday, localDateOf, sendCalendar, type CalendarEventInput } from '../../services/calendar/index.js';
import type { App, AppDeps } from '../../web/types.js';
import { libraryProfile } from './service.js';

/** A library's opening hours as a weekly recurring iCalendar feed (`/libraries/:id/hours.ics`), linked from its page. */
export function registerNetworkCalendar(app: App, deps: AppDeps): void {
  const { db, config } = deps;
  app.get(
    '/libraries/:id/hours.ics',
    {
      config: { access: 'public' },
      schema: { params: Type.Object({ id: Type.String({ maxLength: 60 }) }), querystring: Type.Object({ lang: Type.Optional(Type.String()) }), hide: true },
    },
    async (request, reply) => {
      const { t } = request;
      const { library, servicePoints, hours } = await libraryProfile(db, request.params.id);
      const pageUrl = `${config.publicUrl}/libraries/${encodeURIComponent(library.id)}`;
      // Each interval repeats weekly from this week's day of that weekday (in Ljubljana).
      const today = localDateOf(new Date());
      const monday = addDays(today, 1 - isoWeekday(today));
      const anyDemo = hours.some((h) => h.is_demo === 1);
      const events: CalendarEventInput[] = [];
      for (const point of servicePoints) {
        const own = hours.filter((h) => h.service_point_id === point.id);
        const demo = point.is_demo === 1 || own.some((h) => h.is_demo === 1);
        const description = demo ? t.t('network.hours.ics.demo', { url: pageUrl }) : t.t('network.hours.ics.description', { url: pageUrl });
        const location = [point.name, point.address, point.settlement_name].filter(Boolean).join(', ');
        for (const h of own) {
          const day = addDays(monday, h.weekday - 1);
          events.push({
            uid: calendarUid('hours', point.code, h.weekday, h.opens),
            summary: t.t('network.hours.ics.summary', { name: point.name }),
            description,
            location,
            url: pageUrl,
            start: `${day}T${h.opens}`,
            end: `${day}T${h.closes}`,
            weekly: {},
          });
        }
      }
      const text = buildCalendar({
        name: t.t('network.hours.ics.name', { library: library.short_name || library.name }),
        description: anyDemo ? t.t('network.hours.ics.demo', { url: pageUrl }) : t.t('network.hours.ics.description', { url: pageUrl }),
        events,
      });
      return sendCalendar(reply, text, `${library.id}-hours.ics`);
    },
  );
}
