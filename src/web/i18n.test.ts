import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import { createTranslators, loadMessages, locales, resolveLocale } from './i18n.js';

const messages = loadMessages(path.join(projectRoot, 'locales'));

describe('locale files', () => {
  it('have the same keys in every language', () => {
    const [first, ...others] = locales;
    const keys = Object.keys(messages[first]).sort();
    for (const locale of others) {
      const theirs = Object.keys(messages[locale]).sort();
      expect(theirs.filter((k) => !keys.includes(k)), `keys only in ${locale}`).toEqual([]);
      expect(keys.filter((k) => !theirs.includes(k)), `keys missing in ${locale}`).toEqual([]);
    }
  });

  it('name each key once per file (JSON would keep only the last, silently)', () => {
    for (const file of fs.readdirSync(path.join(projectRoot, 'locales')).filter((f) => f.endsWith('.json'))) {
      const keys = [...fs.readFileSync(path.join(projectRoot, 'locales', file), 'utf8').matchAll(/^\s*"([^"]+)":/gm)].map((m) => m[1]!);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i), file).toEqual([]);
    }
  });

  it('hold only messages that parse as ICU and have no empty text', () => {
    for (const locale of locales) {
      for (const [key, text] of Object.entries(messages[locale])) {
        expect(text.trim(), `${locale}:${key}`).not.toBe('');
        expect(() => new IntlMessageFormat(text, locale), `${locale}:${key}`).not.toThrow();
      }
    }
  });

  it('uses every key that the source code names literally, in both files', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
          for (const m of fs.readFileSync(full, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
        }
      }
    };
    walk(path.join(projectRoot, 'src'));
    const missing = [...used].filter((k) => !(k in messages.sl) || !(k in messages.en));
    expect(missing).toEqual([]);
  });
});

describe('Slovenian plurals', () => {
  const t = createTranslators(messages).sl;
  it('use the one, two, few and other forms', () => {
    expect(t.t('network.libraries.count', { count: 1 })).toBe('Najdena je 1 knjižnica.');
    expect(t.t('network.libraries.count', { count: 2 })).toBe('Najdeni sta 2 knjižnici.');
    expect(t.t('network.libraries.count', { count: 3 })).toBe('Najdene so 3 knjižnice.');
    expect(t.t('network.libraries.count', { count: 5 })).toBe('Najdenih je 5 knjižnic.');
    expect(t.t('network.libraries.count', { count: 101 })).toBe('Najdena je 101 knjižnica.');
    expect(t.t('network.libraries.count', { count: 102 })).toBe('Najdeni sta 102 knjižnici.');
  });
});

describe('resolveLocale', () => {
  it('prefers ?lang, then the cookie, then Accept-Language, then the default', () => {
    expect(resolveLocale('en', 'sl', 'sl', 'sl')).toBe('en');
    expect(resolveLocale(undefined, 'en', 'sl', 'sl')).toBe('en');
    expect(resolveLocale(undefined, undefined, 'de-DE, en-GB;q=0.8, sl;q=0.5', 'sl')).toBe('en');
    expect(resolveLocale(undefined, undefined, 'en;q=0.3, sl-SI;q=0.9', 'en')).toBe('sl');
    expect(resolveLocale('fr', 'xx', 'de', 'sl')).toBe('sl');
  });
});
