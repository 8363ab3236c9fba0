import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import type { DatabaseHandle } from '../../../db/database.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import { loadNetwork } from '../../network/index.js';
import { networkBase } from '../standards/queries.js';
import { ensureShippedProfiles } from '../standards/service.js';
import { rowsSource, type GetStatValues } from '../standards/source.js';
import { testStatRows } from '../../../test-support/stats-standards.js';
import { runReportCommand } from './cli.js';

describe.each(testDialects)('mreza report municipality on %s', (dialect) => {
  let database: DatabaseHandle;
  let source: GetStatValues;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-report-'));
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    await ensureShippedProfiles(database.db, path.join(projectRoot, 'data', 'standards'));
    source = rowsSource(testStatRows((await networkBase(database.db)).libraries, [2023, 2024]));
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    const lines: string[] = [];
    const code = await runReportCommand(database.db, args, (l) => lines.push(l), source);
    return { code, output: lines.join('\n') };
  };

  it('writes the PDF for a municipality named by ISO code', async () => {
    const out = path.join(dir, 'report.pdf');
    const { code, output } = await run('municipality', 'SI-052', '--year', '2024', '--lang', 'sl', '--out', out);
    expect(code).toBe(0);
    expect(output).toContain('Kranj (SI-052), 2024, sl, pravilnik-2023 version 1');
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('finds a municipality by name without diacritics, and takes the newest year without --year', async () => {
    const out = path.join(dir, 'sencur.pdf');
    const { code, output } = await run('municipality', 'sencur', '--lang', 'en', '--out', out);
    expect(code).toBe(0);
    expect(output).toContain('Šenčur (SI-117), 2024, en');
  });

  it('lists the candidates of an ambiguous name and writes nothing', async () => {
    const { code, output } = await run('municipality', 'gorn', '--out', path.join(dir, 'none.pdf'));
    expect(code).toBe(1);
    expect(output).toContain('SI-029  Gornja Radgona');
    expect(output).toContain('SI-030  Gornji Grad');
    expect(fs.existsSync(path.join(dir, 'none.pdf'))).toBe(false);
  });

  it('says which years have figures when the asked year has none, and refuses a bad language', async () => {
    const missing = await run('municipality', 'SI-052', '--year', '2019');
    expect(missing).toEqual({ code: 1, output: 'Kranj: no published figures for 2019; years with figures: 2024, 2023.' });
    expect((await run('municipality', 'SI-052', '--lang', 'de')).code).toBe(2);
  });
});
