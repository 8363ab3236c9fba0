// yaz's CQL test set (../shared/corpus/sru/yaz-cql): every query of cql2xcqlsample, numbered
// section.index the way test_cql2xcql.sh numbers them, must give the XCQL of cql/S.T.out (whitespace
// normalised) or, where cql/S.T.err says "Syntax error", a syntax error.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CqlSyntaxError, parseCql, toXcql } from '../../src/modules/catalog/sru/cql/index.js';

const dir = path.resolve(import.meta.dirname, '../../../shared/corpus/sru/yaz-cql');
const present = fs.existsSync(path.join(dir, 'cql2xcqlsample'));

interface Case {
  id: string;
  query: string;
  out: string;
  err: string;
}

function cases(): Case[] {
  const list: Case[] = [];
  let section = 0;
  let number = 0;
  let comment = false;
  for (const line of fs.readFileSync(path.join(dir, 'cql2xcqlsample'), 'utf8').split('\n')) {
    // The script splits on newlines only and skips empty lines (IFS=newline drops them).
    if (line === '') continue;
    if (line.startsWith('#')) {
      comment = true;
      continue;
    }
    if (comment) {
      section++;
      number = 0;
    }
    comment = false;
    number++;
    const id = `${section}.${number}`;
    list.push({
      id,
      query: line,
      out: fs.readFileSync(path.join(dir, 'cql', `${id}.out`), 'utf8'),
      err: fs.readFileSync(path.join(dir, 'cql', `${id}.err`), 'utf8'),
    });
  }
  return list;
}

const normalise = (xml: string) =>
  xml
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');

describe.skipIf(!present)('yaz CQL test set', () => {
  const all = present ? cases() : [];

  it('has the 81 queries, 11 of them syntax errors', () => {
    expect(all).toHaveLength(81);
    expect(all.filter((c) => c.err.includes('Syntax error'))).toHaveLength(11);
  });

  it.each(all.map((c) => [c.id, c.query, c] as const))('%s %s', (_id, query, c) => {
    if (c.err.includes('Syntax error')) {
      expect(() => parseCql(query)).toThrow(CqlSyntaxError);
    } else {
      expect(normalise(toXcql(parseCql(query), { yazModifierOrder: true }))).toBe(normalise(c.out));
    }
  });
});

if (!present) {
  describe('yaz CQL test set', () => {
    it.skip(`skipped: ${dir} is missing`, () => {});
  });
}
