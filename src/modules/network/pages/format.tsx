import type { VNode } from 'preact';
import { DemoBadge, type PageContext } from '../../../web/page.js';
import type { OpenState } from '../hours.js';
import type { OpeningHours } from '../tables.js';

/** The region's name in the reader's language. */
export const regionName = (ctx: PageContext, r: { name_sl: string; name_en: string }) => (ctx.locale === 'sl' ? r.name_sl : r.name_en);

const weekdayNames = new Map<string, string[]>();

/** Weekday names from Intl, Monday first (1 = Monday … 7 = Sunday); made once per language, as Intl formatters are slow to build. */
export function weekdayName(ctx: PageContext, weekday: number): string {
  let names = weekdayNames.get(ctx.locale);
  if (!names) {
    const format = new Intl.DateTimeFormat(ctx.locale, { weekday: 'long', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    names = [1, 2, 3, 4, 5, 6, 7].map((d) => format.format(new Date(Date.UTC(2024, 0, d))));
    weekdayNames.set(ctx.locale, names);
  }
  return names[weekday - 1] ?? String(weekday);
}

/** A service point's weekly hours as a small table, or a sentence when it has none. */
export function HoursTable({
  ctx,
  hours,
  caption,
  markDemo = true,
}: {
  ctx: PageContext;
  hours: OpeningHours[];
  caption: string;
  /** Label demonstration hours (off where the whole card is already labelled). */
  markDemo?: boolean;
}): VNode {
  if (hours.length === 0) return <p class="muted">{ctx.t('network.hours.none')}</p>;
  const demo = markDemo && hours.some((h) => h.is_demo === 1);
  const byDay = new Map<number, OpeningHours[]>();
  for (const h of hours) byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), h]);
  return (
    <table class="hours">
      <caption class={demo ? 'hours-caption' : 'visually-hidden'}>
        <span class="visually-hidden">{caption}</span>
        {demo ? <DemoBadge ctx={ctx} /> : null}
      </caption>
      <tbody>
        {[1, 2, 3, 4, 5, 6, 7].map((d) => (
          <tr key={d}>
            <th scope="row">{weekdayName(ctx, d)}</th>
            <td>
              {byDay.get(d)?.map((h) => `${h.opens}–${h.closes}`).join(', ') ?? ctx.t('network.hours.closed')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Kind of service point, in words. */
export const kindLabel = (ctx: PageContext, kind: string) => ctx.t(`network.kind.${kind}`);

/** A time of day as people write it: "8.00", "19.00" in Slovenian, "8:00", "19:00" in English. */
export function clockTime(ctx: PageContext, time: string): string {
  const [hours = '0', minutes = '00'] = time.split(':');
  return `${Number(hours)}${ctx.locale === 'sl' ? '.' : ':'}${minutes}`;
}

/** "Odprto zdaj · do 19.00" or "Zaprto · odpre jutri ob 8.00", from openState; nothing when there are no hours. */
export function OpenNow({ ctx, state, demo = false }: { ctx: PageContext; state: OpenState; demo?: boolean }): VNode | null {
  if (!state) return null;
  const text = state.open
    ? ctx.t('network.hours.openNow', { time: clockTime(ctx, state.until) })
    : ctx.t(`network.hours.closedOpens.${state.next.day}`, { time: clockTime(ctx, state.next.time), weekday: String(state.next.weekday) });
  return (
    <p class={state.open ? 'open-now is-open' : 'open-now is-closed'}>
      {text}
      {demo ? (
        <>
          {' '}
          <DemoBadge ctx={ctx} />
        </>
      ) : null}
    </p>
  );
}
