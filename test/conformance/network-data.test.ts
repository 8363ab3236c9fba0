/**
 * Conformance of the shipped Slovenian network data (data/networks/si/) with the third-party
 * sources it was built from (../shared/ next to the repository: GURS Register prostorskih enot,
 * SURS population via sledilnik, reference/network.tsv).
 *
 * The shared folder is not part of the repository. Set MREZA_SHARED_DIR to point elsewhere; when
 * `<shared>/corpus/geo` is absent the whole suite is reported as skipped (with a warning).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';

type Row = Record<string, string>;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED_DIR = path.resolve(REPO_ROOT, process.env.MREZA_SHARED_DIR ?? '../shared');
const GEO_DIR = path.join(SHARED_DIR, 'corpus', 'geo');
const GURS_DIR = path.join(GEO_DIR, 'gurs-rpe');
const NETWORK_TSV = path.join(SHARED_DIR, 'reference', 'network.tsv');
const DATA_DIR = path.join(REPO_ROOT, 'data', 'networks', 'si');
const DATA_README = path.join(REPO_ROOT, 'data', 'README.md');

const sharedExists = existsSync(GEO_DIR);
if (!sharedExists) {
  console.warn(
    `[conformance] SKIPPED network-data checks: shared corpus folder not found: ${GEO_DIR} ` +
      '(set MREZA_SHARED_DIR to the shared folder that holds corpus/geo)',
  );
}

/**
 * Values of network.tsv that data/README.md ("Corrections and checks") lists as corrected in the
 * shipped data. The README currently states that no value had to be changed, so there are none.
 * If the README ever lists corrections, add them here (the README guard below fails until then).
 */
const CORRECTIONS: {
  /** municipality code → library id that replaces network.tsv's assignment */
  municipalityLibrary: Record<string, string>;
  /** library id → region id that replaces network.tsv's ook_area */
  libraryRegion: Record<string, string>;
} = { municipalityLibrary: {}, libraryRegion: {} };
const README_NO_CORRECTIONS = 'No value of network.tsv had to be changed';

const NATIONAL_POPULATION = 2_108_977;
const MUNICIPALITY_COUNT = 212;
const SETTLEMENT_COUNT = 6_035;
const OOK_COUNT = 10;

function readCsv(file: string, delimiter = ','): Row[] {
  return parse(readFileSync(file), {
    columns: true,
    bom: true,
    delimiter,
    skip_empty_lines: true,
    // network.tsv is plain TSV without quoting.
    quote: delimiter === '\t' ? false : '"',
    record_delimiter: ['\r\n', '\n'],
  }) as Row[];
}

/** The value of a column; fails loudly if the column does not exist (wrong delimiter, BOM, renamed header). */
function col(row: Row, name: string): string {
  const v = row[name];
  if (v === undefined) throw new Error(`column "${name}" missing; columns: ${Object.keys(row).join(', ')}`);
  return v;
}

function isoCode(n: number): string {
  return `SI-${String(n).padStart(3, '0')}`;
}

function indexBy(rows: Row[], key: string, what: string): Map<string, Row> {
  const m = new Map<string, Row>();
  for (const r of rows) {
    const k = col(r, key);
    if (m.has(k)) throw new Error(`${what}: duplicate ${key} ${k}`);
    m.set(k, r);
  }
  return m;
}

function near(a: string, b: string, tol: number): boolean {
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= tol + 1e-12;
}

describe.skipIf(!sharedExists)(`network data conformance (shared: ${SHARED_DIR})`, () => {
  let municipalities: Row[];
  let settlements: Row[];
  let libraries: Row[];
  let regions: Row[];
  let gursOb: Row[];
  let gursObWgs: Row[];
  let gursNa: Row[];
  let sledilnik: Row[];
  let network: Row[];

  beforeAll(() => {
    municipalities = readCsv(path.join(DATA_DIR, 'municipalities.csv'));
    settlements = readCsv(path.join(DATA_DIR, 'settlements.csv'));
    libraries = readCsv(path.join(DATA_DIR, 'libraries.csv'));
    regions = readCsv(path.join(DATA_DIR, 'regions.csv'));
    gursOb = readCsv(path.join(GURS_DIR, 'OB.csv'));
    gursObWgs = readCsv(path.join(GURS_DIR, 'OB-wgs84.csv'));
    gursNa = readCsv(path.join(GURS_DIR, 'NA-wgs84.csv'));
    sledilnik = readCsv(path.join(GEO_DIR, 'sledilnik-dict-municipality.csv'));
    network = readCsv(NETWORK_TSV, '\t');
  });

  it('municipalities.csv matches GURS OB (id, name, kind, centre) and GURS has none we lack', () => {
    const problems: string[] = [];
    const gurs = indexBy(gursObWgs, 'OB_ID', 'OB-wgs84.csv');
    const ours = new Set<string>();
    for (const m of municipalities) {
      const label = `municipalities.csv ${col(m, 'code')} "${col(m, 'name')}"`;
      const num = Number(col(m, 'number'));
      if (!Number.isInteger(num)) {
        problems.push(`${label}: number "${col(m, 'number')}" is not an integer`);
        continue;
      }
      if (ours.has(String(num))) problems.push(`${label}: number ${num} appears twice`);
      ours.add(String(num));
      if (col(m, 'code') !== isoCode(num)) problems.push(`${label}: code should be ${isoCode(num)} for number ${num}`);
      const g = gurs.get(String(num));
      if (!g) {
        problems.push(`${label}: OB_ID ${num} not in GURS OB-wgs84.csv`);
        continue;
      }
      if (col(m, 'name') !== col(g, 'OB_UIME')) {
        problems.push(`${label}: name differs from GURS OB_UIME "${col(g, 'OB_UIME')}"`);
      }
      const urban = col(m, 'kind') === 'urban';
      if (urban !== (col(g, 'OB_TIP') === 'D')) {
        problems.push(`${label}: kind "${col(m, 'kind')}" but GURS OB_TIP = ${col(g, 'OB_TIP')}`);
      }
      if (!near(col(m, 'lat'), col(g, 'LAT'), 0.01) || !near(col(m, 'lon'), col(g, 'LON'), 0.01)) {
        problems.push(
          `${label}: centre ${col(m, 'lat')},${col(m, 'lon')} more than 0.01° from GURS ${col(g, 'LAT')},${col(g, 'LON')}`,
        );
      }
    }
    for (const g of gursObWgs) {
      if (!ours.has(col(g, 'OB_ID'))) {
        problems.push(`GURS OB_ID ${col(g, 'OB_ID')} "${col(g, 'OB_UIME')}" missing from municipalities.csv`);
      }
    }
    expect(problems).toEqual([]);
    expect(municipalities).toHaveLength(MUNICIPALITY_COUNT);
    expect(gursObWgs).toHaveLength(MUNICIPALITY_COUNT);
  });

  it('settlements.csv has exactly the GURS NA rows (name, municipality, centre)', () => {
    const problems: string[] = [];
    const obMidToCode = new Map(gursOb.map((o) => [col(o, 'OB_MID'), isoCode(Number(col(o, 'OB_ID')))]));
    const gurs = indexBy(gursNa, 'NA_MID', 'NA-wgs84.csv');
    const ours = new Set<string>();
    for (const s of settlements) {
      const id = col(s, 'id');
      const label = `settlements.csv ${id} "${col(s, 'name')}"`;
      if (ours.has(id)) problems.push(`${label}: id appears twice`);
      ours.add(id);
      const g = gurs.get(id);
      if (!g) {
        problems.push(`${label}: NA_MID ${id} not in GURS NA-wgs84.csv`);
        continue;
      }
      if (col(s, 'name') !== col(g, 'NA_UIME')) {
        problems.push(`${label}: name differs from GURS NA_UIME "${col(g, 'NA_UIME')}"`);
      }
      const code = obMidToCode.get(col(g, 'OB_MID'));
      if (code === undefined) {
        problems.push(`${label}: GURS OB_MID ${col(g, 'OB_MID')} not in OB.csv`);
      } else if (col(s, 'municipality_code') !== code) {
        problems.push(`${label}: municipality_code ${col(s, 'municipality_code')} but GURS says ${code}`);
      }
      if (!near(col(s, 'lat'), col(g, 'LAT'), 0.001) || !near(col(s, 'lon'), col(g, 'LON'), 0.001)) {
        problems.push(
          `${label}: centre ${col(s, 'lat')},${col(s, 'lon')} more than 0.001° from GURS ${col(g, 'LAT')},${col(g, 'LON')}`,
        );
      }
    }
    for (const g of gursNa) {
      if (!ours.has(col(g, 'NA_MID'))) {
        problems.push(`GURS NA_MID ${col(g, 'NA_MID')} "${col(g, 'NA_UIME')}" missing from settlements.csv`);
      }
    }
    expect(problems).toEqual([]);
    expect(settlements).toHaveLength(SETTLEMENT_COUNT);
    expect(gursNa).toHaveLength(SETTLEMENT_COUNT);
  });

  it('municipal population equals SURS via sledilnik, and the total equals the national row', () => {
    const problems: string[] = [];
    const national = sledilnik.filter((r) => col(r, 'iso_code') === '');
    expect(national.map((r) => col(r, 'id'))).toEqual(['slovenija']);
    const byIso = indexBy(
      sledilnik.filter((r) => col(r, 'iso_code') !== ''),
      'iso_code',
      'sledilnik-dict-municipality.csv',
    );
    let total = 0;
    for (const m of municipalities) {
      const label = `municipalities.csv ${col(m, 'code')} "${col(m, 'name')}"`;
      const pop = Number(col(m, 'population'));
      if (!Number.isInteger(pop) || col(m, 'population') === '') {
        problems.push(`${label}: population "${col(m, 'population')}" is not an integer`);
        continue;
      }
      total += pop;
      const s = byIso.get(col(m, 'code'));
      if (!s) problems.push(`${label}: iso_code not in sledilnik-dict-municipality.csv`);
      else if (pop !== Number(col(s, 'population'))) {
        problems.push(`${label}: population ${pop} but SURS/sledilnik ${col(s, 'population')}`);
      }
    }
    const ourCodes = new Set(municipalities.map((m) => col(m, 'code')));
    for (const iso of byIso.keys()) {
      if (!ourCodes.has(iso)) problems.push(`sledilnik ${iso} missing from municipalities.csv`);
    }
    expect(problems).toEqual([]);
    const nationalRow = national[0];
    expect(nationalRow).toBeDefined();
    expect(Number(col(nationalRow as Row, 'population'))).toBe(NATIONAL_POPULATION);
    expect(total, 'sum of municipalities.csv population').toBe(NATIONAL_POPULATION);
  });

  it('data/README.md still lists no corrections to network.tsv (else update CORRECTIONS in this test)', () => {
    const readme = readFileSync(DATA_README, 'utf8');
    const section = readme.split(/^## Corrections and checks\s*$/m)[1]?.split(/^## /m)[0];
    expect(section, 'data/README.md has a "## Corrections and checks" section').toBeDefined();
    const noCorrections = (section ?? '').includes(README_NO_CORRECTIONS);
    const hasCorrections =
      Object.keys(CORRECTIONS.municipalityLibrary).length + Object.keys(CORRECTIONS.libraryRegion).length > 0;
    expect(
      noCorrections !== hasCorrections,
      noCorrections
        ? 'README says nothing was changed, but CORRECTIONS lists exceptions'
        : `README no longer says "${README_NO_CORRECTIONS}": read its corrections and add them to CORRECTIONS`,
    ).toBe(true);
  });

  it('municipality → library and library → region assignments equal reference/network.tsv', () => {
    const problems: string[] = [];
    // network.tsv writes a renamed library as "Name (formerly Old name)"; libraries.csv keeps the two apart.
    const libByName = new Map(libraries.map((l) => [col(l, 'former_name') ? `${col(l, 'name')} (formerly ${col(l, 'former_name')})` : col(l, 'name'), l]));
    const libById = indexBy(libraries, 'id', 'libraries.csv');
    const regionByOokLib = indexBy(regions, 'ook_library_id', 'regions.csv');

    // network.tsv library name → our library id
    const tsvToOurs = new Map<string, string>();
    for (const t of network) {
      const lib = libByName.get(col(t, 'library_name'));
      if (!lib) problems.push(`network.tsv library "${col(t, 'library_name')}" not found by name in libraries.csv`);
      else tsvToOurs.set(col(t, 'library_name'), col(lib, 'id'));
    }
    const mapped = new Set(tsvToOurs.values());
    for (const l of libraries) {
      if (!mapped.has(col(l, 'id'))) problems.push(`libraries.csv ${col(l, 'id')} "${col(l, 'name')}" not in network.tsv`);
    }

    // ook_area name → our region id, via the area's OOK library
    const areaToRegion = new Map<string, string>();
    for (const t of network.filter((r) => col(r, 'is_ook') === 'yes')) {
      const area = col(t, 'ook_area');
      const libId = tsvToOurs.get(col(t, 'library_name'));
      const region = libId === undefined ? undefined : regionByOokLib.get(libId);
      if (areaToRegion.has(area)) problems.push(`network.tsv ook_area "${area}" has more than one OOK`);
      if (!region) problems.push(`network.tsv ook_area "${area}": no region in regions.csv with OOK library ${libId}`);
      else areaToRegion.set(area, col(region, 'id'));
    }

    // library → region, and is_ook
    for (const t of network) {
      const libId = tsvToOurs.get(col(t, 'library_name'));
      if (libId === undefined) continue;
      const lib = libById.get(libId) as Row;
      const label = `libraries.csv ${libId} "${col(lib, 'name')}"`;
      const expected = CORRECTIONS.libraryRegion[libId] ?? areaToRegion.get(col(t, 'ook_area'));
      if (expected === undefined) problems.push(`${label}: network.tsv ook_area "${col(t, 'ook_area')}" has no OOK`);
      else if (col(lib, 'region_id') !== expected) {
        problems.push(`${label}: region_id ${col(lib, 'region_id')} but network.tsv ook_area "${col(t, 'ook_area')}" → ${expected}`);
      }
      const tsvOok = col(t, 'is_ook') === 'yes' ? '1' : '0';
      if (col(lib, 'is_ook') !== tsvOok) problems.push(`${label}: is_ook ${col(lib, 'is_ook')} but network.tsv is_ook ${col(t, 'is_ook')}`);
    }

    // municipality → library: every municipality served by exactly one network.tsv library
    const served = new Map<string, string[]>();
    for (const t of network) {
      for (const code of col(t, 'municipalities_served').split(';').map((c) => c.trim()).filter(Boolean)) {
        served.set(code, [...(served.get(code) ?? []), tsvToOurs.get(col(t, 'library_name')) ?? col(t, 'library_name')]);
      }
    }
    const ourCodes = new Set(municipalities.map((m) => col(m, 'code')));
    for (const [code, libs] of served) {
      if (libs.length !== 1) problems.push(`network.tsv: ${code} served by ${libs.length} libraries (${libs.join(', ')})`);
      if (!ourCodes.has(code)) problems.push(`network.tsv: ${code} is not a municipality in municipalities.csv`);
    }
    for (const m of municipalities) {
      const code = col(m, 'code');
      const label = `municipalities.csv ${code} "${col(m, 'name')}"`;
      const tsvLibs = served.get(code) ?? [];
      if (tsvLibs.length === 0) problems.push(`${label}: served by no library in network.tsv`);
      const expected = CORRECTIONS.municipalityLibrary[code] ?? tsvLibs[0];
      if (!libById.has(col(m, 'library_id'))) problems.push(`${label}: library_id "${col(m, 'library_id')}" not in libraries.csv`);
      if (expected !== undefined && col(m, 'library_id') !== expected) {
        problems.push(`${label}: library_id ${col(m, 'library_id')} but network.tsv says ${expected}`);
      }
    }
    expect(problems).toEqual([]);
    expect(served.size).toBe(MUNICIPALITY_COUNT);
    expect(network).toHaveLength(libraries.length);
  });

  it('each region has an OOK library of that region with is_ook=1 (10 regions, 10 OOK)', () => {
    const problems: string[] = [];
    const libById = indexBy(libraries, 'id', 'libraries.csv');
    const ookIds = new Set<string>();
    for (const r of regions) {
      const label = `regions.csv ${col(r, 'id')}`;
      const ook = col(r, 'ook_library_id');
      if (ookIds.has(ook)) problems.push(`${label}: OOK library ${ook} is also the OOK of another region`);
      ookIds.add(ook);
      const lib = libById.get(ook);
      if (!lib) {
        problems.push(`${label}: ook_library_id ${ook} not in libraries.csv`);
        continue;
      }
      if (col(lib, 'region_id') !== col(r, 'id')) problems.push(`${label}: OOK ${ook} has region_id ${col(lib, 'region_id')}`);
      if (col(lib, 'is_ook') !== '1') problems.push(`${label}: OOK ${ook} has is_ook ${col(lib, 'is_ook')}`);
    }
    for (const l of libraries.filter((x) => col(x, 'is_ook') === '1')) {
      if (!ookIds.has(col(l, 'id'))) problems.push(`libraries.csv ${col(l, 'id')}: is_ook=1 but no region names it as OOK`);
    }
    expect(problems).toEqual([]);
    expect(regions).toHaveLength(OOK_COUNT);
    expect(libraries.filter((x) => col(x, 'is_ook') === '1')).toHaveLength(OOK_COUNT);
  });
});
