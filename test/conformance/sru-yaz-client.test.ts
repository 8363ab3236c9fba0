// yaz-client (Index Data's Z39.50/SRU client, Debian package yaz) against our /sru: it searches,
// shows a record and scans, over SRU 1.2 GET and SRU 2.0 POST, non-interactively (-f command file).
// The server is the whole app (buildTestApp, SQLite) with the SRU fixtures (MARC 21 UTF-8, MARC-8 and
// UNIMARC files) imported through the real import job. Skips when yaz-client is not installed.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSruFixtures } from '../../src/test-support/sru/support.js';
import { buildTestApp, type TestApp } from '../../src/test-support/app.js';

const run = promisify(execFile);
const yazClient = '/usr/bin/yaz-client';
const present = fs.existsSync(yazClient) && spawnSync(yazClient, ['-V']).status === 0;

let t: TestApp;
let base: string;
let dir: string;

/** Runs yaz-client on a command file (the server answers from this process, so the call must not block). */
async function yaz(commands: string[]): Promise<{ output: string; apdu: string }> {
  const file = path.join(dir, `cmds-${Math.random().toString(36).slice(2)}.txt`);
  const log = `${file}.apdu`;
  fs.writeFileSync(file, [`open ${base}/sru`, ...commands, 'quit', ''].join('\n'));
  const { stdout, stderr } = await run(yazClient, ['-a', log, '-f', file], { timeout: 20_000, env: { ...process.env, LANG: 'C.UTF-8' } });
  return { output: stdout + stderr, apdu: fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '' };
}

describe.skipIf(!present)('yaz-client against /sru', () => {
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    await importSruFixtures(t.database);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    base = `http://127.0.0.1:${address.port}`;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sru-yaz-'));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds, shows a Dublin Core record and scans over SRU 1.2 (GET)', async () => {
    const { output, apdu } = await yaz(['sru get 1.2', 'querytype cql', 'schema dc', 'format xml', 'find dc.title = "zgodovina mesta"', 'show 1', 'find dc.title = zgodovina', 'scan dc.title=zgod']);
    expect(apdu).toMatch(/GET \/sru\?version=1\.2&operation=searchRetrieve&query=dc\.title%20%3D%20%22zgodovina%20mesta%22/);
    expect(output).toContain('Received SRW SearchRetrieve Response');
    expect(output).toContain('Number of hits: 1');
    expect(output).toContain('pos=1 schema=info:srw/schema/1/dc-v1.1');
    expect(output).toContain('<dc:title>Zgodovina mesta Kranja</dc:title>');
    expect(output).toContain('<dc:creator>Žontar, Josip</dc:creator>');
    expect(output).toContain('Number of hits: 3');
    expect(output).toContain('Received SRW Scan Response');
    expect(output).toMatch(/zgodovin\w*: 3/);
  });

  it('finds with diacritics folded, by author and ISBN, over SRU 2.0 (POST form)', async () => {
    const { output, apdu } = await yaz(['sru post 2.0', 'querytype cql', 'schema dc', 'find cebelica', 'show 1', 'find dc.creator = preseren', 'find bath.isbn = 9789610109997', 'show 1', 'find dc.date within "1990 1999"']);
    expect(apdu).toMatch(/POST \/sru HTTP\/1\.1/);
    expect(apdu).toContain('application/x-www-form-urlencoded');
    expect(output).toContain('<dc:title>Čebelica Maja</dc:title>');
    // The MARC-8 record (Povodni mož) and the UNIMARC one (Krst pri Savici) by the same author.
    // (yaz prints the hit count after each find and again after each show.)
    const counts = output.match(/Number of hits: (\d+)/g)!;
    expect(counts.filter((c) => c === 'Number of hits: 2')).toHaveLength(2);
    expect(new Set(counts)).toEqual(new Set(['Number of hits: 1', 'Number of hits: 2']));
    expect(output).toContain('<dc:title>Krst pri Savici : povest v verzih</dc:title>');
  });

  it('shows a MARCXML record decoded from MARC-8', async () => {
    const { output } = await yaz(['sru get 1.2', 'querytype cql', 'schema marcxml', 'find rec.id = sru-0005', 'show 1']);
    expect(output).toContain('Number of hits: 1');
    expect(output).toContain('pos=1 schema=info:srw/schema/1/marcxml-v1.1');
    expect(output).toMatch(/<controlfield tag="001">sru-0005<\/controlfield>/);
    expect(output).toContain('<subfield code="a">Prešeren, France</subfield>');
  });

  it('reports our diagnostic for a bad query', async () => {
    const { output } = await yaz(['sru get 1.2', 'querytype cql', 'find dc.title = (']);
    expect(output).toContain('SRW diagnostic info:srw/diagnostic/1/10');
    expect(output).toContain('Message: Query syntax error');
  });

  it('reads the explain record', async () => {
    const { output } = await yaz(['sru get 2.0', 'explain']);
    expect(output).toContain('schema=http://explain.z3950.org/dtd/2.0/');
    expect(output).toMatch(/<database>sru<\/database>/);
  });
});

if (!present) {
  describe('yaz-client against /sru', () => {
    it.skip(`skipped: ${yazClient} is not installed`, () => {});
  });
}
