// Helpers of the SRU tests: an app with only the SRU routes over a backend, the fixture files
// imported through the real import job, and a reader of the XML answers (namespace-aware, failing on
// anything not well-formed).
import path from 'node:path';
import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import { SaxesParser } from 'saxes';
import { installAccessControl } from '../../web/access.js';
import type { App } from '../../web/types.js';
import type { Db, Dialect } from '../../db/database.js';
import { runImportJob } from '../../modules/catalog/import/job.js';
import type { ImportReport } from '../../modules/catalog/import/pipeline.js';
import { catalogJobDeps } from '../../modules/catalog/index.js';
import { startImport } from '../../modules/catalog/service.js';
import { registerSru } from '../../modules/catalog/sru/index.js';
import type { SruBackend } from '../../modules/catalog/sru/service.js';

/** The SRU fixtures (see fixtures/make-fixtures.ts beside this file): MARC 21 UTF-8, MARC-8 and UNIMARC with holdings. */
export const sruFixtures = path.join(import.meta.dirname, 'fixtures');

/**
 * Imports the fixtures through the real import job: Kranj's UTF-8 and MARC-8 files, Jesenice's UNIMARC
 * file, and Radovljica's copy of the UTF-8 file (its records merge with Kranj's). 6 entries in all.
 */
export async function importSruFixtures(database: { db: Db; dialect: Dialect }, dataDir = '/tmp'): Promise<ImportReport[]> {
  const deps = catalogJobDeps({ db: database.db, dialect: database.dialect, dataDir });
  const reports: ImportReport[] = [];
  for (const [libraryId, name] of [
    ['kranj', 'catalog-utf8.mrc'],
    ['kranj', 'catalog-marc8.mrc'],
    ['jesenice', 'catalog-unimarc.mrc'],
    ['radovljica', 'catalog-utf8.mrc'],
  ] as const) {
    const payload = { libraryId, file: path.join(sruFixtures, name), fileName: name, fullExport: false };
    const jobId = await startImport(database.db, payload, null);
    reports.push(await runImportJob(deps, jobId, payload, async () => {}));
  }
  return reports;
}

/** Fastify with the form parser, the access check and the SRU routes over a backend (protocol tests). */
export async function buildSruTestApp(backend: SruBackend): Promise<App> {
  const app = Fastify({ logger: false }) as unknown as App;
  await app.register(formbody);
  installAccessControl(app);
  await registerSru(app, backend);
  await app.ready();
  return app;
}

export interface XmlElement {
  name: string;
  uri: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
  parent: XmlElement | null;
}

/** Parses a whole document; throws on XML that is not well-formed. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlElement = { name: '#document', uri: '', attributes: {}, text: '', children: [], parent: null };
  let current = root;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [k, a] of Object.entries(tag.attributes)) attributes[k] = typeof a === 'string' ? a : a.value;
    const el: XmlElement = { name: tag.local ?? tag.name, uri: tag.uri ?? '', attributes, text: '', children: [], parent: current };
    current.children.push(el);
    current = el;
  });
  parser.on('text', (t) => {
    for (let e: XmlElement | null = current; e; e = e.parent) e.text += t;
  });
  parser.on('closetag', () => {
    current = current.parent ?? root;
  });
  parser.write(xml).close();
  const element = root.children[0];
  if (!element) throw new Error('no root element');
  element.parent = null;
  return element;
}

/** Every descendant with this local name. */
export function all(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** The text of the first descendant with this local name (undefined when there is none). */
export function first(el: XmlElement, name: string): string | undefined {
  return all(el, name)[0]?.text;
}
