import { describe, expect, it } from 'vitest';
import { diffAudit, showValue } from './diff.js';

describe('audit diff', () => {
  it('lists only changed fields on an update', () => {
    const before = JSON.stringify({ email: 'a@b.si', role: 'librarian', libraryId: 'kranj', regionId: null });
    const after = JSON.stringify({ email: 'a@b.si', role: 'coordinator', libraryId: null, regionId: 'kranj' });
    expect(diffAudit(before, after)).toEqual([
      { field: 'role', before: 'librarian', after: 'coordinator' },
      { field: 'libraryId', before: 'kranj', after: '—' },
      { field: 'regionId', before: '—', after: 'kranj' },
    ]);
  });

  it('lists every field of a creation or a deletion', () => {
    expect(diffAudit(null, JSON.stringify({ name: 'Ana', disabled: false }))).toEqual([
      { field: 'name', after: 'Ana' },
      { field: 'disabled', after: 'false' },
    ]);
    expect(diffAudit(JSON.stringify({ name: 'Ana' }), null)).toEqual([{ field: 'name', before: 'Ana' }]);
  });

  it('notes fields that appear or vanish, compares nested values, and survives bad JSON', () => {
    expect(diffAudit(JSON.stringify({ hours: [1, 2] }), JSON.stringify({ hours: [1, 2], note: 'x' }))).toEqual([{ field: 'note', after: 'x' }]);
    expect(diffAudit(JSON.stringify({ hours: [1, 2] }), JSON.stringify({ hours: [1, 3] }))).toEqual([
      { field: 'hours', before: '[1,2]', after: '[1,3]' },
    ]);
    expect(diffAudit('not json', '"text"')).toEqual([{ field: 'value', before: 'not json', after: 'text' }]);
    expect(diffAudit(null, null)).toEqual([]);
    expect(showValue(undefined)).toBe('—');
  });

  it('opens nested objects into one line per changed inner field (a statistics edit)', () => {
    const before = { values: { 'loans.total': 100, 'loans.books': 80, 'visits.physical': 5 }, municipalityFunding: { 'SI-052': 1000 }, servicePointHours: {} };
    const after = { values: { 'loans.total': 120, 'loans.books': 80 }, municipalityFunding: { 'SI-052': 1000, 'SI-001': 5 }, servicePointHours: {} };
    expect(diffAudit(JSON.stringify(before), JSON.stringify(after))).toEqual([
      { field: 'values.loans.total', before: '100', after: '120' },
      { field: 'values.visits.physical', before: '5' },
      { field: 'municipalityFunding.SI-001', after: '5' },
    ]);
  });
});
