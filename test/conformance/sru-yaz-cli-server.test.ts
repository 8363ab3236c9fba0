// yaz-client against the real server as an operator runs it: a fresh data folder, two corpus files
// imported with the command line (`src/main.ts import marc …`, run from source as `npm run dev` does),
// then `src/main.ts serve` on a free loopback port; yaz-client finds by title, author (dc.creator) and
// ISBN (bath.isbn), shows a record in MARCXML and scans. Skips when yaz-client or the corpus is missing.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { cliEnv, startCliServer, type CliServer } from '../../src/test-support/cli-server.js';

const run = promisify(execFile);
const yazClient = '/usr/bin/yaz-client';
const CORPUS = path.join(path.resolve(projectRoot, process.env.MREZA_SHARED_DIR ?? '../shared'), 'corpus', 'marc');
const camel = path.join(CORPUS, 'File_MARC', 'tests', 'camel.mrc');
const french = path.join(CORPUS, 'evergreen', 'Open-ILS', 'tests', 'datasets', 'lul_fre_100.mrc');
const hasYaz = fs.existsSync(yazClient) && spawnSync(yazClient, ['-V']).status === 0;
const ready = hasYaz && fs.existsSync(camel) && fs.existsSync(french);

let dir: string;
let server: CliServer | undefined;
let base: string;

async function yaz(commands: string[]): Promise<string> {
  const file = path.join(dir, `cmds-${Math.random().toString(36).slice(2)}.txt`);
  fs.writeFileSync(file, [`open ${base}/sru`, ...commands, 'quit', ''].join('\n'));
  const { stdout, stderr } = await run(yazClient, ['-f', file], { timeout: 30_000, env: { ...process.env, LANG: 'C.UTF-8' } });
  return stdout + stderr;
}

describe.skipIf(!ready)('yaz-client against the server started from the command line', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-yaz-cli-'));
    const env = cliEnv(path.join(dir, 'data'));
    for (const [file, library] of [
      [camel, 'kranj'],
      [french, 'Občinska knjižnica Jesenice'],
    ]) {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'import', 'marc', file!, '--library', library!], { cwd: projectRoot, env, timeout: 120_000 });
      expect(stdout).toMatch(/Added \d+, updated 0, unchanged 0/);
    }
    server = await startCliServer(path.join(dir, 'data'), 60_000);
    base = server.base;
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds by title, author and ISBN, shows MARCXML, and scans', { timeout: 60_000 }, async () => {
    const output = await yaz([
      'sru get 1.2',
      'querytype cql',
      'find dc.title = perl',
      'find dc.creator = "wall"',
      'schema marcxml',
      'find bath.isbn = 0596000278',
      'show 1',
      'scan dc.title=perl',
    ]);
    // camel.mrc: 10 titles hold "Perl", one of them only inside "ActivePerl".
    expect(output.match(/Number of hits: \d+/g)).toEqual(['Number of hits: 9', 'Number of hits: 1', 'Number of hits: 1', 'Number of hits: 1']);
    expect(output).toContain('pos=1 schema=info:srw/schema/1/marcxml-v1.1');
    expect(output).toContain('<controlfield tag="001">fol05865967 </controlfield>');
    expect(output).toContain('<subfield code="a">Programming Perl /</subfield>');
    expect(output).toContain('Received SRW Scan Response');
    expect(output).toMatch(/^perl: 9\b/m);
  });

  it('finds the French MARC-8 records with and without their accents (SRU 2.0 POST)', { timeout: 60_000 }, async () => {
    const output = await yaz(['sru post 2.0', 'querytype cql', 'schema dc', 'find dc.title = "précieux"', 'find dc.title = precieux', 'find dc.title = prisons', 'show 1']);
    expect(output.match(/Number of hits: \d+/g)).toEqual(['Number of hits: 1', 'Number of hits: 1', 'Number of hits: 1', 'Number of hits: 1']);
    expect(output).toContain('<dc:title>Histoire politique et anecdotique des prisons de la Seine : contenant des renseignemens entièrement inédits sur la période révolutionnaire');
  });
});

if (!ready) {
  describe('yaz-client against the server started from the command line', () => {
    it.skip(`skipped: ${hasYaz ? 'the MARC corpus is missing' : `${yazClient} is not installed`}`, () => {});
  });
}
