// A fresh installation as `npm start` runs it (here from source, as `npm run dev` does): the first `serve`
// on an empty data folder loads the network, demonstration statistics and the demonstration catalog, and
// a person finds its records in both languages. SQLite, the default of a fresh clone.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './config.js';
import { cliEnv, startCliServer, type CliServer } from './test-support/cli-server.js';

let dir: string;
let server: CliServer | undefined;
let base: string;
let log = '';

describe('the first start of a fresh installation', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-first-start-'));
    server = await startCliServer(dir);
    base = server.base;
    log = server.output();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the demonstration catalog through the import and says so', () => {
    expect(log).toMatch(/Loaded the demonstration catalog: \d{3,4} records of 58 libraries in \d{3} entries, real classic works in made-up editions \(control numbers demo-…/);
  });

  it('prints how to log in as the first admin, naming the menu and buttons in the words of the UI', async () => {
    // Printed just after the "serving" line: wait for its last line.
    for (let i = 0; i < 50 && !server!.output().includes('npx mreza user add --help'); i++) await new Promise((r) => setTimeout(r, 100));
    const out = server!.output();
    expect(out).toMatch(/First start: an administrator account was created\.\n {2}email: {4}admin@mreza\.local\n {2}password: \S+/);
    expect(out).toContain('/login (“Za zaposlene” in the menu): fill in “E-pošta” and “Geslo”, press “Prijava”.');
    expect(out).toContain('You are then asked to choose your own password (“Sprememba gesla”');
  });

  it('finds demonstration records by a word without its diacritics, in Slovenian and English', async () => {
    const api = (await (await fetch(`${base}/api/catalog/search?q=cebelarstvu&facets=library`)).json()) as { total: number; items: { title: string; url: string }[]; facets: { library: unknown[] } };
    expect(api.total).toBeGreaterThan(4);
    expect(api.items[0]!.title).toContain('čebelarstvu');
    expect(api.facets.library.length).toBeGreaterThan(10);
    const sl = await (await fetch(`${base}/catalog?q=cebelarstvu`)).text();
    expect(sl).toContain('<html lang="sl"');
    expect(sl).toContain('Popolni nauk o čebelarstvu');
    expect(sl).toContain('Katalog zdaj vsebuje prikazne podatke');
    const en = await (await fetch(`${base}/catalog?q=cebelarstvu&lang=en`)).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('Popolni nauk o čebelarstvu');
    const record = await (await fetch(`${base}${api.items[0]!.url}`)).text();
    expect(record).toContain('Prikazni podatki');
  });

  it('a second start leaves the catalog as it is', async () => {
    const again = await new Promise<string>((resolve) => {
      let out = '';
      const p = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'seed'], { cwd: projectRoot, env: cliEnv(dir) });
      p.stdout.on('data', (c: Buffer) => (out += c.toString()));
      p.stderr.on('data', (c: Buffer) => (out += c.toString()));
      p.once('exit', () => resolve(out));
    });
    expect(again).toContain('New rows');
    expect(again).not.toContain('demonstration catalog');
  }, 60_000);
});
