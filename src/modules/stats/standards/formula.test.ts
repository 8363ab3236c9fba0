import { describe, expect, it } from 'vitest';
import { evaluateFormula, parseFormula, type FormulaNode } from './formula.js';

const node = (source: string): FormulaNode => {
  const parsed = parseFormula(source);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.reason} at ${parsed.error.position}`);
  return parsed.node;
};
const value = (source: string, values: Record<string, number> = {}) => evaluateFormula(node(source), values);

describe('parseFormula and evaluateFormula', () => {
  it('follow the usual precedence, parentheses and unary minus', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('12 / 3 / 2')).toBe(2);
    expect(value('-population + 10', { population: 4 })).toBe(6);
    expect(value('2 * -3')).toBe(-6);
    expect(value('.5 + 0.25')).toBe(0.75);
  });

  it('read statistic keys, population and servicePoints, and min/max', () => {
    const v = { 'collection.physical': 74_000, population: 20_000, servicePoints: 3 };
    expect(value('collection.physical / population', v)).toBe(3.7);
    expect(value('max(6, servicePoints * 2)', v)).toBe(6);
    expect(value('min(collection.physical, 1000, population)', v)).toBe(1000);
  });

  it('lists the names a formula uses', () => {
    const parsed = parseFormula('acquisitions.currentMonographs / population * 1000 + max(staff.headcount, 1)');
    expect(parsed.ok && parsed.names.sort()).toEqual(['acquisitions.currentMonographs', 'population', 'staff.headcount']);
  });

  it('gives no value for a missing statistic or a division by zero, rather than 0', () => {
    expect(value('collection.physical / population', { population: 10 })).toBeNull();
    expect(value('collection.physical / population', { 'collection.physical': 10, population: 0 })).toBeNull();
  });

  it.each([
    ['', 'empty', 1, undefined],
    ['collection.physical /', 'unexpectedEnd', 22, undefined],
    ['collection.physicl / population', 'unknownName', 1, 'collection.physicl'],
    ['population * (2 + 3', 'missingClose', 14, '('],
    ['2 $ 3', 'unexpectedCharacter', 3, '$'],
    ['eval(1)', 'unknownFunction', 1, 'eval'],
    ['max()', 'noArguments', 4, 'max'],
    ['1.2.3 * population', 'badNumber', 1, '1.2.3'],
    ['population 2', 'unexpectedToken', 12, '2'],
    ['population * * 2', 'unexpectedToken', 14, '*'],
    ['(population))', 'unexpectedToken', 13, ')'],
    ['max(1, 2', 'missingClose', 4, '('],
    ['3population', 'badNumber', 1, '3p'],
  ])('rejects %j: %s at position %i', (source, reason, position, token) => {
    const parsed = parseFormula(source);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.reason).toBe(reason);
    expect(parsed.error.position).toBe(position);
    expect(parsed.error.token).toBe(token);
  });

  it('rejects an over-long formula', () => {
    const parsed = parseFormula(`${'1 + '.repeat(200)}1`);
    expect(parsed.ok ? null : parsed.error.reason).toBe('tooLong');
  });
});
