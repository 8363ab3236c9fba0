// `mreza marc dump FILE --to marcxml|json|text [--from marc-8|utf-8|iso-8859-1]`: a MARC file printed
// to standard output decoded to UTF-8, the way `yaz-marcdump -o marcxml|json|line` prints it.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { readMarc } from './read.js';
import type { MarcCharset } from './types.js';
import { marcXmlRecord } from './marcxml.js';
import { marcJson, marcLine } from './writers.js';

export const marcDumpUsage = `Usage: mreza marc dump FILE [--to marcxml|json|text] [--from marc-8|utf-8|iso-8859-1] [--strict]

Prints the records of an ISO 2709 or MARCXML file (FILE "-" is standard input) to standard output in UTF-8 (default --to text,
the "line" format of yaz-marcdump). The character set is detected per record unless --from forces one.
Records that cannot be read are reported on standard error with their number and byte offset;
--strict also rejects records yaz-marcdump would read despite faults. Exit code 1 when any record failed.
`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => {
    process.stdout.write(s);
  },
  err: (s) => {
    process.stderr.write(s);
  },
};

/** A reader that stops reading (`| head`) ends the dump quietly. */
function quietOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

/** Runs `marc dump`; returns the exit code. */
export async function runMarcDump(args: string[], io: Io = defaultIo): Promise<number> {
  if (io === defaultIo) quietOnClosedPipe();
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { to: { type: 'string', default: 'text' }, from: { type: 'string' }, strict: { type: 'boolean', default: false }, help: { type: 'boolean' } },
    });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${marcDumpUsage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(marcDumpUsage);
    return 0;
  }
  const file = positionals[0];
  const to = values.to === 'line' ? 'text' : values.to;
  if (!file || positionals.length > 1 || !['marcxml', 'json', 'text'].includes(to ?? '')) {
    io.err(marcDumpUsage);
    return 1;
  }
  const from = values.from?.toLowerCase().replace(/^marc8$/, 'marc-8').replace(/^utf8$/, 'utf-8').replace(/^latin-?1$/, 'iso-8859-1');
  if (from !== undefined && !['marc-8', 'utf-8', 'iso-8859-1'].includes(from)) {
    io.err(`--from must be marc-8, utf-8 or iso-8859-1, not "${values.from}"\n`);
    return 1;
  }
  let stream: AsyncIterable<Uint8Array>;
  if (file === '-') stream = process.stdin;
  else {
    try {
      await fs.promises.access(file, fs.constants.R_OK);
      stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
    } catch (err) {
      io.err(`${file}: ${(err as Error).message}\n`);
      return 1;
    }
  }
  let failed = 0;
  let count = 0;
  if (to === 'marcxml') io.out('<collection xmlns="http://www.loc.gov/MARC21/slim">\n');
  // Output is gathered and written in blocks: one write per record is slow on a pipe.
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = (): void => {
    if (pending.length) io.out(pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  for await (const item of readMarc(stream, { charset: (from as MarcCharset | undefined) ?? 'auto', lenient: !values.strict })) {
    if (!item.ok) {
      failed++;
      flush();
      const e = item.error;
      io.err(`${file}: record ${e.recordNumber} at byte ${e.offset}${e.controlNumber ? ` (001 ${e.controlNumber})` : ''}: ${e.code}: ${e.detail}\n`);
      continue;
    }
    count++;
    let text = '';
    // Faults a record was read despite: as comments before it, where yaz-marcdump puts its own.
    if (item.warnings && to !== 'json') {
      for (const w of item.warnings) text += to === 'marcxml' ? `<!-- ${w.code}: ${w.detail.replace(/--/g, '- -')} -->\n` : `(${w.code}: ${w.detail})\n`;
    }
    // The MARCXML is UTF-8 whatever the record was in, so its leader/09 says so (yaz-marcdump does the same).
    if (to === 'marcxml') text += marcXmlRecord({ leader: item.record.leader.slice(0, 9) + 'a' + item.record.leader.slice(10), fields: item.record.fields }, false);
    // yaz prints an empty subfield list over two lines.
    else if (to === 'json') text += JSON.stringify(marcJson(item.record), null, 2).replace(/^( *)"subfields": \[\]/gm, '$1"subfields": [\n\n$1]') + '\n';
    else text += marcLine(item.record);
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength > 64 * 1024) flush();
  }
  flush();
  if (to === 'marcxml') io.out('</collection>\n');
  if (failed) io.err(`${file}: ${count} records read, ${failed} could not be read\n`);
  return failed ? 1 : 0;
}
