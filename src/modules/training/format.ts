import type { Locale } from '../../web/i18n.js';

// Plain text formatters that the pages, the PDFs and the exports share.

/** A wall-clock time 'YYYY-MM-DDTHH:MM' as people read it: '10. 3. 2030, 9.00' or '10 Mar 2030, 09:00'. */
export function whenText(value: string, locale: Locale): string {
  const [date, time = ''] = value.split('T');
  return time ? `${dateText(date!, locale)}, ${timeText(time, locale)}` : dateText(date!, locale);
}

/** A date 'YYYY-MM-DD': '10. 3. 2030' or '10 March 2030'. */
export function dateText(date: string, locale: Locale): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (locale === 'sl') return `${d}. ${m}. ${y}`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A time 'HH:MM': '9.00' in Slovenian, '09:00' in English. */
export function timeText(time: string, locale: Locale): string {
  const [h, m] = time.split(':');
  return locale === 'sl' ? `${Number(h)}.${m}` : `${h}:${m}`;
}

/** A session's time span on one line: '10. 3. 2030, 9.00–13.00'. */
export function spanText(starts: string, ends: string, locale: Locale): string {
  const sameDay = starts.slice(0, 10) === ends.slice(0, 10);
  return sameDay ? `${whenText(starts, locale)}–${timeText(ends.slice(11), locale)}` : `${whenText(starts, locale)} – ${whenText(ends, locale)}`;
}

/** Hours with at most one decimal, in the locale's way (2,5 / 2.5). */
export function hoursText(hours: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'sl' ? 'sl-SI' : 'en-GB', { maximumFractionDigits: 1 }).format(hours);
}
