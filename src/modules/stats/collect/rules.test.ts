import { describe, expect, it } from 'vitest';
import { checkFigures, fillTotals, parseFiguresForm, parseNumber, type Figures } from './rules.js';

const fig = (values: Record<string, number>, extra: Partial<Figures> = {}): Figures => ({ values, municipalityFunding: {}, servicePointHours: {}, ...extra });
const fields = (r: { field: string; key: string }[]) => r.map((e) => `${e.field}:${e.key}`);

describe('parseNumber', () => {
  it('reads points, decimal commas and grouped thousands; says what is empty and what is not a number', () => {
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber(' 1 234,5 ')).toBe(1234.5);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1.234.567')).toBe(1234567);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber(undefined)).toBeUndefined();
    expect(parseNumber('12a')).toBeNull();
    expect(parseNumber('1,2,3')).toBeNull();
  });
});

describe('fillTotals', () => {
  it('fills an empty total from parts that are all given, and the municipalities’ total from their rows; leaves a typed total and an incomplete one', () => {
    const figures = fig(
      { 'members.children': 20, 'members.youth': 10, 'members.adults': 50, 'members.seniors': 10, 'loans.total': 5, 'staff.fteProfessional': 2.25, 'collection.books': 100 },
      { municipalityFunding: { 'SI-052': 600.5, 'SI-012': 300 } },
    );
    expect(fillTotals(figures)).toEqual(['members.total', 'funding.municipalities']);
    expect(figures.values).toMatchObject({ 'members.total': 90, 'loans.total': 5, 'funding.municipalities': 900.5 });
    expect(figures.values['collection.physical']).toBeUndefined();
    expect(figures.values['staff.fte']).toBeUndefined();
  });
});

describe('parseFiguresForm', () => {
  it('reads values, funding per municipality and hours per point, naming fields that are not numbers', () => {
    const { figures, errors } = parseFiguresForm(
      { 'members.total': '100', 'staff.fte': '2,5', 'funding_municipality.SI-052': '1000,50', 'hours.7': 'x', 'hours.8': '40', 'hours.99': '5' },
      { municipalityIds: ['SI-052'], servicePointIds: [7, 8] },
    );
    expect(figures).toEqual({ values: { 'members.total': 100, 'staff.fte': 2.5 }, municipalityFunding: { 'SI-052': 1000.5 }, servicePointHours: { 8: 40 } });
    expect(fields(errors)).toEqual(['hours.7:validation.type.number']);
    // A count that is not a number is asked for as a whole number, without the decimal example.
    expect(fields(parseFiguresForm({ 'members.total': '1x' }, { municipalityIds: [], servicePointIds: [] }).errors)).toEqual(['members.total:stats.check.wholeNumber']);
  });
});

describe('checkFigures', () => {
  const opts = { complete: false, jumpFactor: 3 };
  it('refuses negatives, fractions of counts and figures beyond sense', () => {
    const r = checkFigures(fig({ 'members.total': -1, 'visits.physical': 2.5, 'staff.fte': 5000, 'space.floorArea': 120.5 }), opts);
    expect(fields(r.errors)).toEqual(['members.total:stats.check.negative', 'visits.physical:stats.check.whole', 'staff.fte:stats.check.tooLarge']);
  });

  it('checks totals against their parts, at-most rules and the municipal funding rows', () => {
    const r = checkFigures(
      fig(
        {
          'members.total': 100,
          'members.children': 20,
          'members.youth': 10,
          'members.adults': 50,
          'members.seniors': 10,
          'members.active': 120,
          'staff.fte': 3.5,
          'staff.fteProfessional': 2.25,
          'staff.fteOther': 1.25,
          'funding.municipalities': 1000,
        },
        { municipalityFunding: { 'SI-052': 600, 'SI-012': 300 } },
      ),
      opts,
    );
    // Stored in a draft (not errors), shown as warnings, and they stop submission.
    expect(r.errors).toEqual([]);
    expect(fields(r.inconsistencies)).toEqual(['members.total:stats.check.sum', 'members.active:stats.check.atMost', 'funding.municipalities:stats.check.fundingSum']);
    expect(r.inconsistencies[0]!.values).toEqual({ sum: 90, value: 100 });
  });

  it('leaves a total alone while a part is missing, and asks for required figures only on submission', () => {
    expect(checkFigures(fig({ 'members.total': 100, 'members.children': 20 }), opts).inconsistencies).toEqual([]);
    const complete = checkFigures(fig({ 'members.total': 100 }), { ...opts, complete: true });
    expect(fields(complete.inconsistencies)).toContain('members.children:stats.check.required');
    expect(fields(complete.inconsistencies)).not.toContain('funding.other:stats.check.required');
  });

  it('flags jumps beyond the factor in either direction, not within it', () => {
    const r = checkFigures(fig({ 'loans.total': 400, 'visits.physical': 30, 'members.active': 250 }), {
      ...opts,
      previous: { 'loans.total': 100, 'visits.physical': 100, 'members.active': 100 },
    });
    expect(fields(r.jumps)).toEqual(['loans.total:stats.check.jump', 'visits.physical:stats.check.jump']);
    expect(r.errors).toEqual([]);
  });

  it('keeps weekly hours of a service point within a week', () => {
    expect(fields(checkFigures(fig({}, { servicePointHours: { 3: 170, 4: 40 } }), opts).errors)).toEqual(['hours.3:stats.check.tooLarge']);
  });
});
