// The demonstration catalog: made-up but plausible Slovenian books, the same every time (seeded), so a
// fresh installation has records to find. Nothing here describes a real book or a real library's
// holdings. Every record is marked three ways: control number `demo-…` (reserved for demonstration
// records), 003 `MREZA-DEMO`, and a note (500) saying it is a demonstration record.
import type { MarcDataField, MarcRecord } from '../marc/index.js';

/** Control numbers starting with this are reserved for demonstration records. */
export const demoControlPrefix = 'demo-';
export const demoNote = 'Demonstracijski zapis: izmišljeno gradivo za preizkus Mreže, ni iz kataloga nobene knjižnice. (Demonstration record, made up.)';

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

const FIRST = ['Ana', 'Maja', 'Nina', 'Eva', 'Špela', 'Urška', 'Tjaša', 'Mojca', 'Alenka', 'Nataša', 'Janez', 'Marko', 'Luka', 'Matej', 'Tomaž', 'Boštjan', 'Žiga', 'Rok', 'Jože', 'Primož', 'Irena', 'Katja', 'Gregor', 'Andrej', 'Živa', 'Nejc', 'Barbara', 'Miha', 'Tina', 'Blaž'];
const LAST = ['Novak', 'Horvat', 'Kovačič', 'Krajnc', 'Zupančič', 'Potočnik', 'Kovač', 'Mlakar', 'Kos', 'Vidmar', 'Golob', 'Turk', 'Kralj', 'Božič', 'Korošec', 'Bizjak', 'Zupan', 'Hribar', 'Kotnik', 'Kavčič', 'Rozman', 'Kastelic', 'Oblak', 'Žagar', 'Petek', 'Hočevar', 'Kolar', 'Košir', 'Koren', 'Klemenčič', 'Zajc', 'Knez', 'Medved', 'Šinkovec', 'Jerman', 'Pečnik', 'Čeh', 'Šuštar', 'Lešnik', 'Ferjan'];
const ADJ = ['Skrivnostni', 'Stari', 'Tihi', 'Zeleni', 'Zadnji', 'Izgubljeni', 'Modri', 'Mali', 'Veliki', 'Divji', 'Pozabljeni', 'Zlati', 'Beli', 'Temni', 'Daljni'];
const NOUN = ['gozd', 'vrt', 'most', 'grad', 'mlin', 'potok', 'svet', 'otok', 'kamen', 'vrh', 'zvon', 'čoln', 'breg', 'dvor', 'travnik'];
const FROM = ['Krasa', 'Pohorja', 'Gorenjske', 'Dolenjske', 'Prekmurja', 'Koroške', 'Notranjske', 'Bohinja', 'Bleda', 'Haloz', 'Brkinov', 'Obale', 'Ljubljane', 'Maribora', 'Kranja', 'Posočja'];
const UNDER = ['Triglavom', 'Storžičem', 'Pohorjem', 'lipo', 'Snežnikom', 'Golico', 'Nanosom', 'Krimom', 'Uršljo goro', 'Kumom'];
const THEME = ['čebelarstvu', 'gobah', 'zeliščih', 'vrtnarjenju', 'planinstvu', 'kolesarjenju', 'ribištvu', 'ljudskih pesmih', 'pravljicah', 'domači kuhinji', 'gradovih', 'kozolcih', 'narečjih', 'pticah', 'drevesih'];
const SUBJECTS = ['Slovenska književnost', 'Mladinska književnost', 'Pravljice', 'Zgodovina', 'Slovenija', 'Planinstvo', 'Kulinarika', 'Čebelarstvo', 'Narava', 'Potopisi', 'Zeliščarstvo', 'Domoznanstvo', 'Ljudsko izročilo', 'Romani', 'Poezija', 'Vrtnarstvo', 'Živali', 'Arhitektura', 'Glasba', 'Šport'];
const PUBLISHERS = ['Mladinska knjiga', 'Cankarjeva založba', 'Modrijan', 'Založba Sanje', 'Beletrina', 'Didakta', 'Založba Miš', 'Goga', 'Celjska Mohorjeva družba', 'Založba ZRC'];
const CITIES = ['Ljubljana', 'Maribor', 'Celje', 'Kranj', 'Novo mesto', 'Koper', 'Radovljica'];

/** One demonstration work: what every library's copy of it says. */
export interface DemoWork {
  n: number;
  title: string;
  subtitle: string | null;
  author: string;
  year: number;
  isbn: string | null;
  subjects: string[];
  publisher: string;
  city: string;
  language: 'slv' | 'eng';
  /** Indexes into the library list: the libraries holding it. */
  holders: number[];
}

/** An ISBN-13 with a correct check digit, from a number. */
function isbn13(n: number): string {
  const body = `978961${String(100000 + (n % 900000)).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** `count` works, each held by 1–4 of `libraries` libraries (most by one or two). */
export function demoWorks(count: number, libraries: number): DemoWork[] {
  const rand = random(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const works: DemoWork[] = [];
  for (let n = 1; n <= count; n++) {
    const kind = rand();
    let title: string;
    let subtitle: string | null = null;
    if (kind < 0.3) title = `${pick(ADJ)} ${pick(NOUN)}`;
    else if (kind < 0.5) {
      title = `Zgodbe z ${pick(FROM)}`.replace(/^Zgodbe z ([KP])/, 'Zgodbe s $1');
      subtitle = 'kratka proza';
    } else if (kind < 0.7) {
      title = `Knjiga o ${pick(THEME)}`;
      subtitle = pick(['priročnik za začetnike', 'nasveti in izkušnje', 'od A do Ž', null]);
    } else if (kind < 0.85) title = `Pod ${pick(UNDER)}`;
    else title = `${pick(FIRST)} in ${pick(NOUN)}`;
    const subjects = [pick(SUBJECTS), ...(rand() < 0.5 ? [pick(SUBJECTS)] : [])].filter((s, i, a) => a.indexOf(s) === i);
    const holderCount = 1 + Math.floor(rand() * rand() * 4);
    const holders = new Set<number>();
    while (holders.size < Math.min(holderCount, libraries)) holders.add(Math.floor(rand() * libraries));
    works.push({
      n,
      title,
      subtitle,
      author: `${pick(LAST)}, ${pick(FIRST)}`,
      year: 1950 + Math.floor(rand() * 76),
      isbn: rand() < 0.85 ? isbn13(n * 7919) : null,
      subjects,
      publisher: pick(PUBLISHERS),
      city: pick(CITIES),
      language: rand() < 0.92 ? 'slv' : 'eng',
      holders: [...holders].sort((a, b) => a - b),
    });
  }
  return works;
}

const df = (tag: string, ind: string, subfields: [string, string][]): MarcDataField => ({
  tag,
  ind1: ind[0]!,
  ind2: ind[1]!,
  subfields: subfields.map(([code, value]) => ({ code, value })),
});

/** A library's MARC 21 record of a work, with 1–3 copies (852) at its service points. */
export function demoRecord(work: DemoWork, library: { id: string; points: string[] }, copySeed: number): MarcRecord {
  const rand = random(work.n * 1000 + copySeed);
  const copies = 1 + Math.floor(rand() * rand() * 3);
  const fields: MarcRecord['fields'] = [
    { tag: '001', value: `${demoControlPrefix}${library.id}-${String(work.n).padStart(5, '0')}` },
    { tag: '003', value: 'MREZA-DEMO' },
    { tag: '008', value: `250101s${work.year}    xv            000 1 ${work.language} d` },
  ];
  if (work.isbn) fields.push(df('020', '  ', [['a', work.isbn]]));
  fields.push(df('100', '1 ', [['a', work.author]]));
  fields.push(df('245', '10', work.subtitle ? [['a', `${work.title} :`], ['b', work.subtitle]] : [['a', work.title]]));
  fields.push(df('264', ' 1', [['a', `${work.city} :`], ['b', `${work.publisher},`], ['c', String(work.year)]]));
  fields.push(df('500', '  ', [['a', demoNote]]));
  for (const s of work.subjects) fields.push(df('650', ' 7', [['a', s]]));
  const surname = work.author.split(',')[0]!.toUpperCase();
  for (let c = 0; c < copies; c++) {
    const point = library.points.length > 0 ? library.points[Math.floor(rand() * library.points.length)]! : '';
    const status = rand() < 0.7 ? 'na polici' : rand() < 0.8 ? 'izposojeno' : 'v obdelavi';
    fields.push(df('949', '  ', [['a', `821.163.6 ${surname}`], ['i', `${library.id.slice(0, 3).toUpperCase()}${String(work.n * 10 + c).padStart(7, '0')}`], ['l', point], ['s', status]]));
  }
  return { leader: '00000nam a2200000 i 4500', fields };
}
