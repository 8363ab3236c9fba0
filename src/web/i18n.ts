import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';

/** The languages every page exists in; the first is the default unless configured otherwise. */
export const locales = ['sl', 'en'] as const;
export type Locale = (typeof locales)[number];

export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;

/** Translates message keys for one locale; a missing key shows itself, so it is found in review. */
export interface Translator {
  locale: Locale;
  t(key: string, values?: MessageValues): string;
  number(n: number, options?: Intl.NumberFormatOptions): string;
  date(d: Date | string, options?: Intl.DateTimeFormatOptions): string;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * Reads locales/<locale>.json and every module's locales/<module>.<locale>.json for every locale.
 * A module keeps its own file so that its messages travel with it; a key defined twice is an error.
 */
export function loadMessages(dir: string): Record<Locale, Record<string, string>> {
  const out = {} as Record<Locale, Record<string, string>>;
  const files = fs.readdirSync(dir).sort();
  for (const locale of locales) {
    const merged: Record<string, string> = {};
    const own = files.filter((f) => f === `${locale}.json` || f.endsWith(`.${locale}.json`));
    for (const file of own) {
      const messages = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>;
      for (const [key, text] of Object.entries(messages)) {
        if (key in merged) throw new Error(`Message ${key} is defined twice (again in ${file})`);
        merged[key] = text;
      }
    }
    out[locale] = merged;
  }
  return out;
}

/** Builds one translator per locale, compiling each ICU message once on first use. */
/** Builds one translator per locale; dates and times are shown in `timeZone` (the network's, from configuration). */
export function createTranslators(messages: Record<Locale, Record<string, string>>, timeZone = 'UTC'): Record<Locale, Translator> {
  const result = {} as Record<Locale, Translator>;
  for (const locale of locales) {
    const compiled = new Map<string, IntlMessageFormat>();
    // Intl formatters are slow to build: keep one per set of options.
    const numberFormats = new Map<string, Intl.NumberFormat>();
    const dateFormats = new Map<string, Intl.DateTimeFormat>();
    result[locale] = {
      locale,
      t(key, values) {
        let format = compiled.get(key);
        if (!format) {
          const source = messages[locale][key];
          if (source === undefined) return key;
          format = new IntlMessageFormat(source, locale);
          compiled.set(key, format);
        }
        try {
          return String(format.format(values as Record<string, string | number>));
        } catch {
          // A value the message needs is missing: show the message's text rather than fail the page.
          return messages[locale][key] ?? key;
        }
      },
      number(n, options) {
        const key = options ? JSON.stringify(options) : '';
        let format = numberFormats.get(key);
        if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
        return format.format(n);
      },
      date(d, options = { dateStyle: 'medium', timeStyle: 'short' }) {
        const key = JSON.stringify(options);
        let format = dateFormats.get(key);
        if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, { timeZone, ...options })));
        return format.format(typeof d === 'string' ? new Date(d) : d);
      },
    };
  }
  return result;
}

/**
 * Picks the reader's language: `?lang=`, then the `lang` cookie, then the first supported
 * language of Accept-Language (by q-weight), else the default.
 */
export function resolveLocale(
  query: unknown,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
  fallback: Locale,
): Locale {
  if (isLocale(query)) return query;
  if (isLocale(cookie)) return cookie;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part, index) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1, index };
      })
      .filter((entry) => entry.q > 0)
      .sort((a, b) => b.q - a.q || a.index - b.index);
    const match = ranked.find((entry) => isLocale(entry.lang));
    if (match) return match.lang as Locale;
  }
  return fallback;
}
