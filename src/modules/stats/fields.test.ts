import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { createTranslators, loadMessages } from '../../web/i18n.js';
import { statFieldByKey, statFields, statGroups } from './fields.js';

describe('the statistics catalogue', () => {
  const messages = loadMessages(path.join(projectRoot, 'locales'));
  it('has a label for every statistic and group in both languages', () => {
    const keys = [...statFields.map((f) => `stats.field.${f.key}`), ...statGroups.map((g) => `stats.group.${g}`)];
    for (const locale of ['sl', 'en'] as const) expect(keys.filter((k) => !(k in messages[locale])), locale).toEqual([]);
  });

  it('names only known keys in its sum and at-most rules, and every field sits in a listed group', () => {
    for (const f of statFields) {
      for (const k of [...(f.sumOf ?? []), ...(f.atMost ? [f.atMost] : [])]) expect(statFieldByKey.has(k), `${f.key} → ${k}`).toBe(true);
      expect(statGroups).toContain(f.group);
    }
  });
});

describe('statistics messages in Slovenian', () => {
  const sl = createTranslators(loadMessages(path.join(projectRoot, 'locales'))).sl;
  it('use the one, two, few and other forms', () => {
    expect([1, 2, 3, 5, 102].map((count) => sl.t('stats.queue.count', { count }))).toEqual([
      'Najdeno je 1 poročilo.',
      'Najdeni sta 2 poročili.',
      'Najdena so 3 poročila.',
      'Najdenih je 5 poročil.',
      'Najdeni sta 102 poročili.',
    ]);
    expect(sl.t('stats.form.checkErrors', { count: 4 })).toBe('V vnosu so 4 napake.');
    expect(sl.t('stats.report.title', { library: 'Mestna knjižnica Kranj', year: 2024 })).toBe('Mestna knjižnica Kranj: statistika za leto 2024');
  });
});
