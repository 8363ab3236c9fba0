#!/usr/bin/env node
// Builds data/networks/si/settlement-population.csv: how sure each settlement's population figure is,
// for the access module's coverage (issue 10). The figure itself ships in settlements.csv
// (`population` = POP_ADJ); this file adds the source's own figure and a mark.
//
// Usage: node scripts/build-access-population.mjs [path-to-shared]   (default: ../shared next to the repo)
// Input (read-only): <shared>/corpus/geo/naselja-pop/naselja-population.csv
// Checks: every settlement of settlements.csv is there with the same POP_ADJ; POP_ADJ sums to the
// municipal SURS totals of municipalities.csv (2,108,977 on 1 January 2021). Exit 1 when a check fails.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.argv[2] ? resolve(process.argv[2]) : resolve(repoRoot, '..', 'shared');
const dataDir = join(repoRoot, 'data', 'networks', 'si');

/** The rows of a CSV file with a header line, as objects (csv-parse, the project's CSV reader). */
function readCsv(path) {
  return parse(readFileSync(path, 'utf8'), { bom: true, columns: true, skip_empty_lines: true, relax_column_count: true });
}

const fail = (msg) => {
  console.error(`build-access-population: ${msg}`);
  process.exit(1);
};
const source = readCsv(join(shared, 'corpus', 'geo', 'naselja-pop', 'naselja-population.csv'));
const settlements = readCsv(join(dataDir, 'settlements.csv'));
const municipalities = readCsv(join(dataDir, 'municipalities.csv'));
const byId = new Map(source.map((r) => [r.NA_MID, r]));

const loose = new Set(['nearest-centre<=1km(renamed/merged)', 'name-only(unique)', 'fuzzy-name+municipality<=10km']);
const out = [];
let sum = 0;
for (const s of settlements) {
  const r = byId.get(s.id);
  if (!r) fail(`settlement ${s.id} ${s.name} is not in naselja-population.csv`);
  if ((s.population || '0') !== (r.POP_ADJ || '0')) fail(`settlement ${s.id}: settlements.csv has ${s.population}, POP_ADJ is ${r.POP_ADJ}`);
  sum += Number(r.POP_ADJ || 0);
  // missing: no source figure (counted as 0; its people are spread over its municipality);
  // estimate: the seat's figure was corrected or the source row was matched loosely;
  // calibrated: the source figure scaled to the municipality's SURS total; source: as the source gives it.
  const quality = r.MATCH === 'none' ? 'missing' : r.NOTE || loose.has(r.MATCH) ? 'estimate' : r.POP_SRC !== r.POP_ADJ ? 'calibrated' : 'source';
  out.push([s.id, r.POP_SRC, r.POP_ADJ, quality, r.MATCH]);
}
const municipal = municipalities.reduce((t, m) => t + Number(m.population), 0);
if (sum !== municipal) fail(`POP_ADJ sums to ${sum}, the municipalities to ${municipal}`);
const lines = ['settlement_id,population_source,population,quality,match', ...out.map((r) => r.join(','))];
writeFileSync(join(dataDir, 'settlement-population.csv'), lines.join('\n') + '\n');
const count = (q) => out.filter((r) => r[3] === q).length;
console.log(`settlement-population.csv: ${out.length} settlements, ${sum} people (= municipal SURS total); source ${count('source')}, calibrated ${count('calibrated')}, estimate ${count('estimate')}, missing ${count('missing')}`);
