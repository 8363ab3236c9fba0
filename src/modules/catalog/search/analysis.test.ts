import { describe, expect, it } from 'vitest';
import { editDistance, identTerm, looksLikeIsbn, normalizeIsbn, normalizeIssn } from './analysis.js';

describe('ISBN and ISSN', () => {
  it('takes hyphens out and turns ISBN-10 into ISBN-13', () => {
    expect(normalizeIsbn('0-306-40615-2')).toBe('9780306406157');
    expect(normalizeIsbn('978-0-306-40615-7')).toBe('9780306406157');
    expect(normalizeIsbn('86-11-14922-X')).toBe('9788611149226');
    expect(normalizeIsbn('961-6-x')).toBe('9616X');
    expect(identTerm('isbn', '0306406152')).toBe(identTerm('isbn', '978-0-306-40615-7'));
  });
  it('recognises typed ISBNs and normalises ISSNs', () => {
    expect(looksLikeIsbn('978-961-01-2345-6')).toBe(true);
    expect(looksLikeIsbn('2010')).toBe(false);
    expect(normalizeIssn('0028-083x')).toBe('0028083X');
    expect(identTerm('issn', '0028-083x')).toBe('issn0028083x');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions up to a bound', () => {
    expect(editDistance('knjiznica', 'knjiznica', 2)).toBe(0);
    expect(editDistance('knjznica', 'knjiznica', 2)).toBe(1);
    expect(editDistance('kjnznica', 'knjiznica', 2)).toBe(2);
    expect(editDistance('kjnzinca', 'knjiznica', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});
