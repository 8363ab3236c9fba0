// `mreza import marc FILE --library LIB [--from CHARSET] [--format F] [--full]`: an import run in this
// process, with a progress line on stderr and the report (with every rejected record) on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../../../db/database.js';
import { foldText } from '../../../db/search-text.js';
import { completeJob, failJob, getJob, markJobRunning, reportProgress, JobCancelledError } from '../../../jobs/index.js';
import { getLibraryRef, listLibraryRefs } from '../../network/index.js';
import type { MarcCharset, MarcFormat } from '../marc/index.js';
import { listRejects } from '../queries.js';
import { startImport, type ImportJobPayload } from '../service.js';
import { runImportJob, type CatalogJobDeps } from './job.js';

// The command line speaks English only: operators' shells and logs, not the library staff's pages.

const usage = [
  'Usage: mreza import marc FILE --library LIB [--from marc-8|utf-8|iso-8859-1] [--format iso2709|marcxml] [--full] [--items CSV]',
  '  LIB      the library id (e.g. kranj) or a part of its name that matches one library',
  '  --from   force the character set (default: detected per record)',
  '  --format force the file format (default: MARCXML when the file starts with <, else ISO 2709)',
  "  --full   the file is the library's whole catalog: its stored records missing from the file are removed",
];

export type LibraryMatch = { kind: 'one'; id: string; name: string } | { kind: 'none' } | { kind: 'many'; candidates: { id: string; name: string }[] };

/** Finds the library a person means: its id, else the one library whose name holds the text (case and diacritics ignored). */
export async function matchLibrary(db: Db, text: string): Promise<LibraryMatch> {
  const byId = await getLibraryRef(db, text.trim());
  if (byId) return { kind: 'one', id: byId.id, name: byId.name };
  const folded = foldText(text);
  if (folded === '') return { kind: 'none' };
  const rows = await listLibraryRefs(db);
  const hits = rows.filter((r) => foldText(r.name).includes(folded) || foldText(r.short_name).includes(folded));
  const exact = hits.filter((r) => foldText(r.name) === folded || foldText(r.short_name) === folded);
  const pick = exact.length === 1 ? exact : hits;
  if (pick.length === 1) return { kind: 'one', id: pick[0]!.id, name: pick[0]!.name };
  if (pick.length === 0) return { kind: 'none' };
  return { kind: 'many', candidates: pick.map((r) => ({ id: r.id, name: r.name })) };
}

/** A progress line redrawn in place on a terminal; in a log (no terminal), a line every 10 seconds. */
function terminalProgress(): (text: string) => void {
  if (process.stderr.isTTY) return (text) => process.stderr.write(`\r${text}`);
  let last = 0;
  return (text) => {
    if (text.trim() === '' || Date.now() - last < 10_000) return;
    last = Date.now();
    process.stderr.write(`${text.trim()}\n`);
  };
}

const charsets: MarcCharset[] = ['marc-8', 'utf-8', 'iso-8859-1'];
const formats: MarcFormat[] = ['iso2709', 'marcxml'];

/** Runs `mreza import marc …` (args start after `import`); returns the exit code. */
export async function runImportCommand(
  deps: CatalogJobDeps,
  args: string[],
  out: (line: string) => void,
  err: (line: string) => void,
  progressLine: (text: string) => void = terminalProgress(),
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { library: { type: 'string' }, items: { type: 'string' }, from: { type: 'string' }, format: { type: 'string' }, full: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  const [what, file] = positionals;
  if (values.help || what !== 'marc' || !file || !values.library) {
    (values.help ? out : err)(usage.join('\n'));
    return values.help ? 0 : 2;
  }
  if (values.from !== undefined && !charsets.includes(values.from as MarcCharset)) {
    err(`--from must be one of ${charsets.join(', ')}`);
    return 2;
  }
  if (values.format !== undefined && !formats.includes(values.format as MarcFormat)) {
    err(`--format must be one of ${formats.join(', ')}`);
    return 2;
  }
  const full = path.resolve(file);
  if (!fs.existsSync(full) || !fs.statSync(full).isFile()) {
    err(`${file}: no such file`);
    return 2;
  }
  const items = values.items === undefined ? undefined : path.resolve(values.items);
  if (items !== undefined && !(fs.existsSync(items) && fs.statSync(items).isFile())) {
    err(`--items ${values.items}: no such file`);
    return 2;
  }
  const match = await matchLibrary(deps.db, values.library);
  if (match.kind === 'none') {
    err(`--library "${values.library}": no library has this id or a name containing it`);
    return 2;
  }
  if (match.kind === 'many') {
    err(`--library "${values.library}" matches ${match.candidates.length} libraries; give one of their ids:`);
    for (const c of match.candidates) err(`  ${c.id.padEnd(16)} ${c.name}`);
    return 2;
  }
  const payload: ImportJobPayload = {
    libraryId: match.id,
    file: full,
    fileName: path.basename(full),
    fullExport: values.full === true,
    format: (values.format as MarcFormat | undefined) ?? 'auto',
    charset: (values.from as MarcCharset | undefined) ?? 'auto',
    ...(items ? { itemsFile: items } : {}),
  };
  const jobId = await startImport(deps.db, payload, null);
  // This process does the job itself: mark it running (with a heartbeat) so no server's runner claims or takes it over.
  if (!(await markJobRunning(deps.db, jobId))) {
    err(`Job ${jobId} was taken by a running server before this command could start it; follow it on the server's import page.`);
    return 1;
  }
  out(`Importing ${payload.fileName} into ${match.name} (${match.id}), job ${jobId}${payload.fullExport ? ', full export' : ''}`);
  const started = Date.now();
  try {
    const report = await runImportJob(deps, jobId, payload, async (done, total) => {
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      progressLine(`${done} of about ${total ?? '?'} records, ${Math.round(rate)} records/s   `);
      if (await reportProgress(deps.db, jobId, done, total)) throw new JobCancelledError();
    });
    await completeJob(deps.db, jobId, report);
    progressLine('\n');
    out(
      `Added ${report.added}, updated ${report.updated}, unchanged ${report.unchanged}, merged ${report.merged}, ` +
        `rejected ${report.rejected}, removed ${report.removed}; holdings written ${report.holdings}. ` +
        `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (report.rejected > 0) {
      out('Rejected records (number, byte offset, control number, reason):');
      let listed = 0;
      for (let offset = 0; ; offset += 1000) {
        const page = await listRejects(deps.db, jobId, 1000, offset);
        for (const r of page.items) out(`  ${r.record_number}\t${r.byte_offset}\t${r.control_number ?? '-'}\t${r.code}: ${r.detail}`);
        listed += page.items.length;
        if (page.items.length < 1000) break;
      }
      // Only the first rejects of an import are stored (maxStoredRejects); the report counts them all.
      if (report.rejected > listed) out(`and ${(report.rejected - listed).toLocaleString('en')} more rejected records not listed`);
    }
    return 0;
  } catch (error) {
    progressLine('\n');
    if (error instanceof JobCancelledError) {
      err(`Job ${jobId} was cancelled; records committed so far stay.`);
      return 1;
    }
    await failJob(deps.db, jobId, error instanceof Error ? error.message : String(error));
    if ((await getJob(deps.db, jobId))?.status === 'failed') err(`Import failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
