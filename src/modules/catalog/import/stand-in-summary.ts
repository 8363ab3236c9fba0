// A stand-in for the codec's summarizeRecord until that branch lands (then this file goes):
// just enough MARC 21 and UNIMARC reading for the import's merge keys and the tests.
import type { BibSummary, MarcDataField, MarcRecord, SummarizeRecord } from '../marc/index.js';

const trimEnd = (s: string) => s.replace(/[\s/:;,.=]+$/u, '').trim();

export const standInSummarize: SummarizeRecord = (record: MarcRecord, flavour?) => {
  const data = record.fields.filter((f): f is MarcDataField => !('value' in f));
  const first = (tag: string, code: string) => {
    for (const f of data) if (f.tag === tag) for (const s of f.subfields) if (s.code === code) return trimEnd(s.value);
    return null;
  };
  const all = (tags: string[], code: string) =>
    data.filter((f) => tags.includes(f.tag)).flatMap((f) => f.subfields.filter((s) => s.code === code).map((s) => trimEnd(s.value)));
  const isUnimarc = flavour ? flavour === 'unimarc' : data.some((f) => f.tag === '200');
  const control = record.fields.find((f) => f.tag === '001');
  const controlNumber = control && 'value' in control ? control.value.trim() || null : null;
  const yearText = isUnimarc ? (first('210', 'd') ?? first('214', 'd')) : (first('264', 'c') ?? first('260', 'c'));
  const year = yearText && /\d{4}/.exec(yearText) ? Number(/\d{4}/.exec(yearText)![0]) : null;
  const f008 = record.fields.find((f) => f.tag === '008');
  const language = isUnimarc ? first('101', 'a') : f008 && 'value' in f008 && f008.value.length >= 38 ? f008.value.slice(35, 38).trim() || null : null;
  return {
    flavour: isUnimarc ? 'unimarc' : 'marc21',
    controlNumber,
    title: (isUnimarc ? first('200', 'a') : first('245', 'a')) ?? '',
    subtitle: isUnimarc ? first('200', 'e') : first('245', 'b'),
    responsibility: isUnimarc ? first('200', 'f') : first('245', 'c'),
    authors: isUnimarc ? all(['700', '701', '702'], 'a') : all(['100', '110', '700', '710'], 'a'),
    subjects: isUnimarc ? all(['606'], 'a') : all(['650', '651'], 'a'),
    isbns: all([isUnimarc ? '010' : '020'], 'a').map((s) => s.replace(/[^0-9Xx]/g, '')),
    issns: all([isUnimarc ? '011' : '022'], 'a').map((s) => s.replace(/[^0-9Xx]/g, '')),
    edition: isUnimarc ? first('205', 'a') : first('250', 'a'),
    publisher: isUnimarc ? first('210', 'c') : (first('264', 'b') ?? first('260', 'b')),
    place: isUnimarc ? first('210', 'a') : (first('264', 'a') ?? first('260', 'a')),
    year,
    language: language?.toLowerCase() ?? null,
    materialType: 'book',
    extent: isUnimarc ? first('215', 'a') : first('300', 'a'),
    series: [],
    notes: [],
  } satisfies BibSummary;
};
