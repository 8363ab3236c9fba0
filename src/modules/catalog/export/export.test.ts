import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import type { DatabaseHandle } from '../../../db/database.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import { loadNetwork } from '../../network/index.js';
import { summarizeRecord } from '../codec.js';
import { importRecords } from '../import/pipeline.js';
import { book, items, stream } from '../../../test-support/marc-records.js';
import { startImport } from '../service.js';
import { exportRecords } from './export.js';

// The writers are the codec's; until that branch lands they throw, and these tests wait for it.

class Collect extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

describe.each(testDialects)('catalog export on %s', (dialect) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    const list = Array.from({ length: 1203 }, (_, i) => book({ id: `e${i}`, title: `Naslov ${i}`, author: 'Avtor, A', year: 2000 + (i % 20) }));
    const jobId = await startImport(database.db, { libraryId: 'kranj', file: 'x', fileName: 'x', fullExport: false }, null);
    await importRecords(database.db, stream(items(list)), { jobId, summarize: summarizeRecord, index: null });
  });
  afterAll(async () => database?.close());

  it("streams a library's records as one MARCXML collection, every record once", async () => {
    const out = new Collect();
    expect(await exportRecords(database.db, { libraryId: 'kranj' }, 'marcxml', out)).toBe(1203);
    const text = out.text();
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text.match(/<record[ >]/g)).toHaveLength(1203);
    expect(text.trimEnd().endsWith('</collection>')).toBe(true);
    expect(text).toContain('Naslov 1202');
  });

  it('writes the preferred record of chosen entries as ISO 2709', async () => {
    const entries = await database.db.selectFrom('catalog_entries').select('id').orderBy('id').limit(3).execute();
    const out = new Collect();
    expect(await exportRecords(database.db, { entryIds: entries.map((e) => e.id) }, 'marc21', out)).toBe(3);
    expect(Buffer.concat(out.chunks).filter((b) => b === 0x1d)).toHaveLength(3);
  });

  it('exports nothing but an empty collection for a library without records', async () => {
    const out = new Collect();
    expect(await exportRecords(database.db, { libraryId: 'jesenice' }, 'marcxml', out)).toBe(0);
    expect(out.text()).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n</collection>\n');
  });
});
