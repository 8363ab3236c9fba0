// MARCXML in (streaming, with saxes: no DTD processing, so no entity is ever expanded) and out.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { MarcDataField, MarcErrorCode, MarcField, MarcReadItem, MarcRecord } from './types.js';
import { isControlField } from './record.js';

export interface XmlReadOptions {
  lenient: boolean;
}

interface Fault {
  code: MarcErrorCode;
  detail: string;
}

/** An indicator attribute: one printable ASCII character; missing or empty is a blank. */
function indicator(v: string | undefined, tag: string, key: string, faults: Fault[]): string {
  if (v === undefined || v === '') return ' ';
  if (v.length !== 1 || v < ' ' || v > '~') faults.push({ code: 'bad-indicator', detail: `field ${tag}: ${key}="${v}"` });
  return v.slice(0, 1);
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The encoding named by the XML declaration, if any, for the decoder (UTF-8 unless it says Latin-1 etc.). */
function declaredEncoding(head: Buffer): string {
  const text = head.subarray(0, 200).toString('latin1');
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(text);
  return m ? m[1]!.toLowerCase() : 'utf-8';
}

/** Reads MARCXML records (any namespace prefix; a bare <record> or a <collection> of them). */
export async function* readMarcXml(chunks: AsyncIterator<Uint8Array>, first: Buffer | null, options: XmlReadOptions): AsyncGenerator<MarcReadItem> {
  const parser = new SaxesParser({ xmlns: false, position: true } as const);
  const ready: MarcReadItem[] = [];
  let recordNumber = 0;
  let bytesBefore = 0; // bytes of input before the current chunk
  let charsBefore = 0; // characters of input before the current chunk
  let chunkText = '';

  let record: MarcRecord | null = null;
  let recordOffset = 0;
  let faults: Fault[] = [];
  let leaderSeen = false;
  let field: MarcField | null = null;
  let subfieldCode: string | null = null;
  let collecting: 'leader' | 'control' | 'subfield' | null = null;
  let text = '';
  let outsideError = false;

  /** The byte offset of a character position in the current chunk (positions only move forward). */
  const byteOffsetOf = (charPos: number): number => {
    const inChunk = charPos - charsBefore;
    if (inChunk <= 0) return bytesBefore;
    if (inChunk > countedChars) {
      countedBytes += Buffer.byteLength(chunkText.slice(countedChars, inChunk));
      countedChars = inChunk;
      return bytesBefore + countedBytes;
    }
    return bytesBefore + countedBytes - Buffer.byteLength(chunkText.slice(inChunk, countedChars));
  };
  const fault = (code: MarcErrorCode, detail: string): void => {
    faults.push({ code, detail });
  };
  const controlNumber = (r: MarcRecord): string | null => {
    const f = r.fields.find((x) => x.tag === '001');
    return f && isControlField(f) ? f.value.trim() || null : null;
  };

  parser.on('opentag', (node: SaxesTagPlain) => {
    const name = localName(node.name);
    const attrs = node.attributes;
    if (name === 'record') {
      if (record) fault('bad-xml', 'a <record> inside a <record>');
      recordNumber++;
      record = { leader: '', fields: [] };
      // saxes' position is after the tag's '>': its '<' is the last one before that in the chunk.
      const end = parser.position - charsBefore;
      const lt = end > 0 ? chunkText.lastIndexOf('<', end - 1) : -1;
      recordOffset = byteOffsetOf(lt >= 0 ? charsBefore + lt : charsBefore);
      faults = [];
      leaderSeen = false;
      outsideError = false;
      return;
    }
    if (!record) return;
    text = '';
    switch (name) {
      case 'leader':
        collecting = 'leader';
        break;
      case 'controlfield': {
        const tag = attrs.tag ?? '';
        if (!/^[0-9A-Za-z]{3}$/.test(tag)) fault('bad-directory', `controlfield with tag "${tag}"`);
        field = { tag, value: '' };
        collecting = 'control';
        break;
      }
      case 'datafield': {
        const tag = attrs.tag ?? '';
        if (!/^[0-9A-Za-z]{3}$/.test(tag)) fault('bad-directory', `datafield with tag "${tag}"`);
        field = { tag, ind1: indicator(attrs.ind1, tag, 'ind1', faults), ind2: indicator(attrs.ind2, tag, 'ind2', faults), subfields: [] };
        break;
      }
      case 'subfield': {
        const code = attrs.code ?? '';
        if (code.length !== 1 || !/^[\x21-\x7e]$/.test(code)) fault('bad-subfield', `field ${field?.tag ?? '?'}: subfield code "${code}"`);
        subfieldCode = code;
        collecting = 'subfield';
        break;
      }
      default:
        break;
    }
  });
  parser.on('text', (t: string) => {
    if (collecting) text += t;
  });
  parser.on('cdata', (t: string) => {
    if (collecting) text += t;
  });
  parser.on('closetag', (node: SaxesTagPlain) => {
    const name = localName(node.name);
    if (!record) return;
    switch (name) {
      case 'leader':
        record.leader = text;
        leaderSeen = true;
        if (text.length !== 24) fault('bad-leader', `leader has ${text.length} characters, not 24`);
        break;
      case 'controlfield':
        if (field && isControlField(field)) {
          field.value = text.normalize('NFC');
          record.fields.push(field);
        }
        field = null;
        break;
      case 'subfield':
        if (field && !isControlField(field) && subfieldCode !== null) {
          const value = text.normalize('NFC');
          // Reading leniently, a subfield without a code takes the first character of its text as the code (as yaz does).
          if (subfieldCode === '' && options.lenient && value !== '') {
            const first = String.fromCodePoint(value.codePointAt(0)!);
            field.subfields.push({ code: first, value: value.slice(first.length) });
          } else field.subfields.push({ code: subfieldCode, value });
        }
        subfieldCode = null;
        break;
      case 'datafield':
        if (field && !isControlField(field)) record.fields.push(field as MarcDataField);
        field = null;
        break;
      case 'record': {
        const r = record;
        record = null;
        if (!leaderSeen) fault('bad-leader', 'no <leader>');
        // Without a leader (or with broken XML) there is no record to keep, even when reading leniently (yaz agrees).
        const fatal = faults.some((f) => f.code === 'bad-xml' || f.detail === 'no <leader>');
        if (faults.length > 0 && (fatal || !options.lenient)) {
          ready.push({ ok: false, error: { recordNumber, offset: recordOffset, controlNumber: controlNumber(r), code: faults[0]!.code, detail: faults.slice(0, 5).map((f) => f.detail).join('; ') } });
        } else {
          const item: MarcReadItem = { ok: true, record: r, recordNumber, offset: recordOffset, charset: 'utf-8' };
          if (faults.length > 0) item.warnings = faults.map((f) => ({ recordNumber, offset: recordOffset, controlNumber: null, code: f.code, detail: f.detail }));
          ready.push(item);
        }
        break;
      }
      default:
        break;
    }
    collecting = null;
  });
  parser.on('error', (err: Error) => {
    // Files of <record> elements one after another (no <collection>) are common and read as they are.
    if (/only one root|outside of root node/.test(err.message)) return;
    if (record) fault('bad-xml', err.message);
    else if (!outsideError) {
      outsideError = true;
      ready.push({ ok: false, error: { recordNumber: recordNumber + 1, offset: byteOffsetOf(parser.position), controlNumber: null, code: 'bad-xml', detail: err.message } });
    }
  });

  // Byte offsets: saxes counts UTF-16 units; bytes are counted forward through the chunk as records open.
  let countedChars = 0; // characters of the current chunk already counted
  let countedBytes = 0; // their bytes
  const feed = (str: string): void => {
    chunkText = str;
    countedChars = 0;
    countedBytes = 0;
    parser.write(str);
    bytesBefore += Buffer.byteLength(str);
    charsBefore += str.length;
  };

  const decoder = new TextDecoder(first ? declaredEncoding(first) : 'utf-8');
  if (first) feed(decoder.decode(first, { stream: true }));
  while (ready.length) yield ready.shift()!;
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    feed(decoder.decode(next.value, { stream: true }));
    while (ready.length) yield ready.shift()!;
  }
  feed(decoder.decode());
  parser.close();
  if (record) {
    const r = record as MarcRecord;
    ready.push({ ok: false, error: { recordNumber, offset: recordOffset, controlNumber: controlNumber(r), code: 'truncated', detail: 'the file ends inside a <record>' } });
  }
  while (ready.length) yield ready.shift()!;
}

// eslint-disable-next-line no-control-regex -- these are the characters XML 1.0 cannot carry
const xmlInvalid = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;

/** Escapes text for XML content and attribute values; characters XML 1.0 cannot carry are left out (as yaz does). */
export function escapeXml(s: string): string {
  let out = s;
  if (/[&<>"']/.test(out)) out = out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  if (xmlInvalid.test(out)) out = out.replace(xmlInvalid, '');
  xmlInvalid.lastIndex = 0;
  return out;
}

/** One <record> element, indented the way yaz-marcdump prints it. */
export function marcXmlRecord(record: MarcRecord, withNamespace: boolean): string {
  const parts: string[] = [withNamespace ? '<record xmlns="http://www.loc.gov/MARC21/slim">\n' : '<record>\n'];
  parts.push(`  <leader>${escapeXml(record.leader)}</leader>\n`);
  for (const f of record.fields) {
    if (isControlField(f)) {
      parts.push(`  <controlfield tag="${escapeXml(f.tag)}">${escapeXml(f.value)}</controlfield>\n`);
    } else {
      parts.push(`  <datafield tag="${escapeXml(f.tag)}" ind1="${escapeXml(f.ind1)}" ind2="${escapeXml(f.ind2)}">\n`);
      for (const s of f.subfields) parts.push(`    <subfield code="${escapeXml(s.code)}">${escapeXml(s.value)}</subfield>\n`);
      parts.push('  </datafield>\n');
    }
  }
  parts.push('</record>\n');
  return parts.join('');
}
