import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import { readProfileFiles } from './files.js';
import { checkIndicator, checkProfile, inForce } from './profile.js';

const [, p2023] = readProfileFiles(path.join(projectRoot, 'data', 'standards'));
const good = p2023!.indicators[0]!;

describe('checkProfile and checkIndicator', () => {
  it('accept the shipped profiles', () => {
    expect(checkProfile(p2023)).toEqual([]);
  });

  it('name the field and the formula fault with its position', () => {
    const errors = checkIndicator({ ...good, formula: 'collection.physical / populaton' }, 'indicators.0');
    expect(errors).toEqual([{ field: 'indicators.0.formula', key: 'standards.formula.error.unknownName', values: { position: 23, token: 'populaton' } }]);
  });

  it('refuse a gap statistic the formula does not use, a bad band, a fulfilment over 100 % and a source without URL', () => {
    const errors = checkIndicator(
      { ...good, gap: { key: 'staff.fte', unit: 'fte' }, norm: { kind: 'band', low: 5, high: 3 }, fulfilment: 1.2, source: { citation: 'Uradni list RS 28/2023', url: 'uradni-list', confidence: 'confirmed' } },
      '',
    );
    expect(errors.map((e) => e.field).sort()).toEqual(['fulfilment', 'gap', 'norm.high', 'source.url']);
  });

  it('refuse duplicate indicator ids and years that run backwards', () => {
    const errors = checkProfile({ ...p2023, years: { from: 2024, to: 2020 }, indicators: [good, good] });
    expect(errors.map((e) => e.field)).toEqual(['years', 'indicators.1.id']);
  });
});

describe('inForce', () => {
  it('applies open-ended year ranges', () => {
    expect(inForce({ years: { from: 2023, to: null } }, 2022)).toBe(false);
    expect(inForce({ years: { from: 2023, to: null } }, 2030)).toBe(true);
    expect(inForce({ years: { from: null, to: 2022 } }, 2022)).toBe(true);
  });
});
