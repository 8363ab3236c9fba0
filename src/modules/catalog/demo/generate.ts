// The demonstration catalog ("prikazni podatki"): editions of the works in works.ts — real classic
// Slovenian authors and works, children's books, non-fiction about bees, libraries and local history —
// with made-up publishers' years, ISBNs and copies, the same every time (seeded), so a fresh installation
// has a catalog that reads like a real one and every example of the search help finds something. No
// record is from a library's catalog. Every record is marked three ways: control number `demo-…`
// (reserved for demonstration records), 003 `MREZA-DEMO`, and a note (500) saying it is demonstration data.
import type { MarcDataField, MarcRecord } from '../marc/index.js';
import { demoWorkSpecs, type DemoGenre, type DemoWorkSpec } from './works.js';

/** Control numbers starting with this are reserved for demonstration records. */
export const demoControlPrefix = 'demo-';
export const demoNote =
  'Prikazni podatki: zapis je narejen za preizkus Mreže (avtorji in dela so resnični, izdaje, ISBN in izvodi izmišljeni) in ni iz kataloga nobene knjižnice. (Demonstration data, made up.)';

/** The ISBN the search help shows as its example (isbn:…): the demonstration catalog's first edition of Prešeren's Poezije has it. */
export const demoExampleIsbn = '9789610123453';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One edition of a demonstration work: what every library's record of it says. */
export interface DemoWork {
  /** 1-based number of the edition in the catalog (part of each record's control number). */
  n: number;
  spec: DemoWorkSpec;
  title: string;
  subtitle: string | null;
  author: string | null;
  year: number;
  isbn: string | null;
  /** 250, for editions after a work's first. */
  edition: string | null;
  subjects: string[];
  publisher: string;
  city: string;
  series: string | null;
  extent: string;
  language: 'slv' | 'eng';
  /** Indexes into the library list: the libraries holding it. */
  holders: number[];
}

const publishers: Record<DemoGenre, [string, string][]> = {
  poetry: [
    ['Mladinska knjiga', 'Ljubljana'],
    ['Cankarjeva založba', 'Ljubljana'],
    ['Slovenska matica', 'Ljubljana'],
    ['Založba Obzorja', 'Maribor'],
    ['Študentska založba', 'Ljubljana'],
    ['Celjska Mohorjeva družba', 'Celje'],
  ],
  prose: [
    ['Mladinska knjiga', 'Ljubljana'],
    ['Cankarjeva založba', 'Ljubljana'],
    ['Državna založba Slovenije', 'Ljubljana'],
    ['Prešernova družba', 'Ljubljana'],
    ['Založba Obzorja', 'Maribor'],
    ['Založba Goga', 'Novo mesto'],
    ['Beletrina', 'Ljubljana'],
  ],
  drama: [
    ['Mladinska knjiga', 'Ljubljana'],
    ['Državna založba Slovenije', 'Ljubljana'],
    ['Cankarjeva založba', 'Ljubljana'],
  ],
  children: [
    ['Mladinska knjiga', 'Ljubljana'],
    ['Mladinska knjiga', 'Ljubljana'],
    ['Založba Karantanija', 'Ljubljana'],
    ['Založba Miš', 'Dob'],
  ],
  nonfiction: [
    ['Modrijan', 'Ljubljana'],
    ['Založba ZRC', 'Ljubljana'],
    ['Kmečki glas', 'Ljubljana'],
    ['Celjska Mohorjeva družba', 'Celje'],
    ['Prešernova družba', 'Ljubljana'],
  ],
};

/** An ISBN-13 with a correct check digit, from a number. */
function isbn13(n: number): string {
  const body = `978961${String(100000 + (n % 900000)).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** How many of the network's libraries hold an edition: classics and children's books many, the rest a few. */
function holderCount(spec: DemoWorkSpec, rand: () => number): number {
  if (spec.language === 'eng' || spec.type === 'g') return 1 + Math.floor(rand() * 3);
  if (spec.type === 'i') return 2 + Math.floor(rand() * 4);
  const range: Record<DemoGenre, [number, number]> = { poetry: [4, 14], prose: [4, 16], drama: [2, 8], children: [6, 20], nonfiction: [2, 9] };
  const [min, max] = range[spec.genre];
  return min + Math.floor(rand() * (max - min + 1));
}

function extentOf(spec: DemoWorkSpec, rand: () => number): string {
  if (spec.type === 'i') return `1 CD (ca. ${50 + Math.floor(rand() * 40)} min)`;
  if (spec.type === 'g') return '1 DVD (ca. 98 min) : barvni, zvok';
  const pages = { poetry: 80 + Math.floor(rand() * 200), prose: 120 + Math.floor(rand() * 300), drama: 70 + Math.floor(rand() * 90), children: 24 + Math.floor(rand() * 100), nonfiction: 100 + Math.floor(rand() * 250) }[spec.genre];
  return spec.genre === 'children' || spec.genre === 'nonfiction' ? `${pages} str. : ilustr.` : `${pages} str.`;
}

/** Every edition of the demonstration works, each held by some of `libraries` libraries. */
export function demoWorks(libraries: number): DemoWork[] {
  const rand = random(2026);
  const works: DemoWork[] = [];
  let n = 0;
  for (const spec of demoWorkSpecs) {
    const count = spec.editions ?? 1;
    // Editions spread between 1950 and 2024, in order.
    let year = 1950 + Math.floor(rand() * (count > 1 ? 30 : 70));
    for (let e = 0; e < count; e++) {
      n++;
      const pool = spec.series === 'Zbirka Čebelica' ? publishers.children.slice(0, 1) : publishers[spec.genre];
      let [publisher, city] = pool[Math.floor(rand() * pool.length)]!;
      if (spec.type === 'g') [publisher, city] = ['Viba film', 'Ljubljana'];
      if (spec.language === 'eng') [publisher, city] = spec.author?.startsWith('Bartol') ? ['Scala House Press', 'Seattle'] : ['Slovene Writers’ Association', 'Ljubljana'];
      const series = spec.series ?? (spec.genre === 'prose' && publisher === 'Mladinska knjiga' && rand() < 0.6 ? 'Knjižnica Kondor' : null);
      const holders = new Set<number>();
      const want = Math.min(holderCount(spec, rand), libraries);
      while (holders.size < want) holders.add(Math.floor(rand() * libraries));
      works.push({
        n,
        spec,
        title: spec.title,
        subtitle: spec.subtitle ?? null,
        author: spec.author,
        year,
        isbn: year >= 1975 ? isbn13(n * 7919) : null,
        edition: e === 0 ? null : rand() < 0.7 ? `${e + 1}. izd.` : 'Ponatis',
        subjects: spec.subjects,
        publisher,
        city,
        series,
        extent: extentOf(spec, rand),
        language: spec.language ?? 'slv',
        holders: [...holders].sort((a, b) => a - b),
      });
      year = Math.min(2024, year + 6 + Math.floor(rand() * 25));
    }
  }
  // The search help's ISBN example finds Prešeren's Poezije.
  const poezije = works.find((w) => w.author === 'Prešeren, France' && w.title === 'Poezije' && w.isbn !== null)!;
  poezije.isbn = demoExampleIsbn;
  return works;
}

const df = (tag: string, ind: string, subfields: [string, string][]): MarcDataField => ({
  tag,
  ind1: ind[0]!,
  ind2: ind[1]!,
  subfields: subfields.map(([code, value]) => ({ code, value })),
});

/** The 40 characters of a book's 008: date, Slovenia, audience, literary form, language. */
function field008(work: DemoWork): string {
  const chars = Array.from('250101s' + String(work.year) + ' '.repeat(29));
  const put = (at: number, text: string) => [...text].forEach((c, i) => (chars[at + i] = c));
  put(15, work.language === 'eng' && work.city === 'Seattle' ? 'wau' : 'xv ');
  if (work.spec.genre === 'children') put(22, 'j');
  put(33, { poetry: 'p', prose: '1', drama: 'd', children: '1', nonfiction: '0' }[work.spec.genre]);
  put(35, work.language);
  put(39, 'd');
  return chars.join('');
}

/** "Surname, Forename" as "Forename Surname" for the statement of responsibility. */
const directOrder = (name: string) => (name.includes(',') ? name.split(',').reverse().map((p) => p.trim()).join(' ') : name);

/** The call number a Slovenian public library would give it (UDK and the author's surname). */
function callNumber(work: DemoWork): string {
  const surname = work.author ? work.author.split(',')[0]!.toUpperCase() : '';
  const s = work.subjects.join(' ');
  const { genre } = work.spec;
  if (genre === 'children') return work.subjects.includes('Slikanice') ? `C ${surname || 'PRAVLJICE'}`.trim() : `P ${surname || 'PRAVLJICE'}`.trim();
  if (genre === 'nonfiction') {
    const udk = /Čebel/.test(s) ? '638.1' : /Knjižnic/.test(s) ? '027' : /Kulinarika/.test(s) ? '641.5' : /Zelišč/.test(s) ? '633.88' : /Ptice/.test(s) ? '598.2' : /Gobe/.test(s) ? '582.28' : /Živali/.test(s) ? '59' : /Narava/.test(s) ? '502' : '908(497.4)';
    return `${udk} ${surname}`.trim();
  }
  const form = genre === 'poetry' ? '-1' : genre === 'drama' ? '-2' : '-3';
  return `821.163.6${form}${work.language === 'eng' ? '=111' : ''} ${surname}`.trim();
}

/** A library's MARC 21 record of an edition, with 1–3 copies (949) at its service points. */
export function demoRecord(work: DemoWork, library: { id: string; points: string[] }, copySeed: number): MarcRecord {
  const rand = random(work.n * 1000 + copySeed);
  const copies = 1 + Math.floor(rand() * rand() * 3);
  const type = work.spec.type ?? 'a';
  const fields: MarcRecord['fields'] = [
    { tag: '001', value: `${demoControlPrefix}${library.id}-${String(work.n).padStart(5, '0')}` },
    { tag: '003', value: 'MREZA-DEMO' },
    { tag: '008', value: field008(work) },
  ];
  if (work.isbn) fields.push(df('020', '  ', [['a', work.isbn]]));
  if (work.author) {
    const dates = work.spec.dates;
    fields.push(df('100', work.author.includes(',') ? '1 ' : '0 ', dates ? [['a', `${work.author},`], ['d', dates]] : [['a', work.author]]));
  }
  const responsibility = work.spec.responsibility ?? (work.author ? directOrder(work.author) : null);
  const title: [string, string][] = [['a', work.subtitle ? `${work.title} :` : responsibility ? `${work.title} /` : work.title]];
  if (work.subtitle) title.push(['b', responsibility ? `${work.subtitle} /` : work.subtitle]);
  if (responsibility) title.push(['c', responsibility]);
  fields.push(df('245', work.author ? '10' : '00', title));
  if (work.edition) fields.push(df('250', '  ', [['a', work.edition]]));
  fields.push(df('264', ' 1', [['a', `${work.city} :`], ['b', `${work.publisher},`], ['c', String(work.year)]]));
  fields.push(df('300', '  ', [['a', work.extent]]));
  if (work.series) fields.push(df('490', '0 ', [['a', work.series]]));
  fields.push(df('500', '  ', [['a', demoNote]]));
  for (const s of work.subjects) fields.push(df('650', ' 7', [['a', s]]));
  const call = callNumber(work);
  for (let c = 0; c < copies; c++) {
    const point = library.points.length > 0 ? library.points[Math.floor(rand() * library.points.length)]! : '';
    const status = rand() < 0.7 ? 'na polici' : rand() < 0.8 ? 'izposojeno' : 'v obdelavi';
    fields.push(df('949', '  ', [['a', call], ['i', `${library.id.slice(0, 3).toUpperCase()}${String(work.n * 10 + c).padStart(7, '0')}`], ['l', point], ['s', status]]));
  }
  return { leader: `00000n${type}m a2200000 i 4500`, fields };
}
