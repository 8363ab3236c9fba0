import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { loadMessages } from '../../web/i18n.js';
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
