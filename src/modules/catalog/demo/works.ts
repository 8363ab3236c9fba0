// The works of the demonstration catalog: real classic Slovenian authors and their works (names, titles
// and life dates are public knowledge), well-known children's books, and non-fiction about bees,
// libraries and local history. The editions made of them (publisher, year, ISBN, copies) are made up:
// the catalog is demonstration data ("prikazni podatki"), not any library's holdings.

/** What kind of work it is: decides its call number, its publishers and how many libraries hold it. */
export type DemoGenre = 'poetry' | 'prose' | 'drama' | 'children' | 'nonfiction';

export interface DemoWorkSpec {
  /** "Surname, Forename" (or a pseudonym), null for works without a personal author. */
  author: string | null;
  /** The author's life dates (100 $d). */
  dates?: string;
  title: string;
  subtitle?: string;
  subjects: string[];
  genre: DemoGenre;
  /** Language of the text (ISO 639-2/B); Slovenian unless given. */
  language?: 'slv' | 'eng';
  /** Leader/06: `a` text (the default), `i` a spoken-word recording, `g` a film. */
  type?: 'a' | 'i' | 'g';
  /** 245 $c when it says more than the author. */
  responsibility?: string;
  /** How many editions the demonstration catalog has of it (1 unless given). */
  editions?: number;
  /** A series every edition of it is in. */
  series?: string;
}

const preseren = { author: 'Prešeren, France', dates: '1800-1849' };
const cankar = { author: 'Cankar, Ivan', dates: '1876-1918' };
const levstik = { author: 'Levstik, Fran', dates: '1831-1887' };
const jurcic = { author: 'Jurčič, Josip', dates: '1844-1881' };
const kosovel = { author: 'Kosovel, Srečko', dates: '1904-1926' };
const gregorcic = { author: 'Gregorčič, Simon', dates: '1844-1906' };
const tavcar = { author: 'Tavčar, Ivan', dates: '1851-1923' };
const bevk = { author: 'Bevk, France', dates: '1890-1970' };
const kersnik = { author: 'Kersnik, Janko', dates: '1852-1897' };
const askerc = { author: 'Aškerc, Anton', dates: '1856-1912' };
const murn = { author: 'Murn, Josip', dates: '1879-1901' };
const zupancic = { author: 'Župančič, Oton', dates: '1878-1949' };
const voranc = { author: 'Prežihov Voranc', dates: '1893-1950' };
const kette = { author: 'Kette, Dragotin', dates: '1876-1899' };
const trdina = { author: 'Trdina, Janez', dates: '1830-1905' };
const stritar = { author: 'Stritar, Josip', dates: '1836-1923' };
const erjavec = { author: 'Erjavec, Fran', dates: '1834-1887' };
const vandot = { author: 'Vandot, Josip', dates: '1884-1944' };
const milcinski = { author: 'Milčinski, Fran', dates: '1867-1932' };
const bartol = { author: 'Bartol, Vladimir', dates: '1903-1967' };
const kosmac = { author: 'Kosmač, Ciril', dates: '1910-1980' };
const janša = { author: 'Janša, Anton', dates: '1734-1773' };

const poetry = (subjects: string[] = []) => ({ genre: 'poetry' as const, subjects: ['Slovenska poezija', ...subjects] });
const novel = (subjects: string[] = []) => ({ genre: 'prose' as const, subjects: ['Slovenska književnost', 'Romani', ...subjects] });
const stories = (subjects: string[] = []) => ({ genre: 'prose' as const, subjects: ['Slovenska književnost', 'Kratka proza', ...subjects] });
const play = (subjects: string[] = []) => ({ genre: 'drama' as const, subjects: ['Slovenska dramatika', ...subjects] });
const youth = (subjects: string[]) => ({ genre: 'children' as const, subjects: ['Mladinska književnost', ...subjects] });
const about = (subjects: string[]) => ({ genre: 'nonfiction' as const, subjects });

export const demoWorkSpecs: DemoWorkSpec[] = [
  { ...preseren, title: 'Poezije', ...poetry(), editions: 4 },
  { ...preseren, title: 'Krst pri Savici', subtitle: 'povest v verzih', ...poetry(['Epske pesnitve']), editions: 3 },
  { ...preseren, title: 'Sonetni venec', ...poetry(['Soneti']), editions: 2 },
  { ...preseren, title: 'Povodni mož', subtitle: 'balada', ...youth(['Slovenska poezija', 'Balade', 'Slikanice']), editions: 2 },
  { ...preseren, title: 'Zdravljica', ...poetry(['Himne']) },
  { ...preseren, title: 'Poems', ...poetry(['Prevodi']), language: 'eng', responsibility: 'France Prešeren ; translated from the Slovene' },
  { ...cankar, title: 'Na klancu', ...novel(), editions: 3 },
  { ...cankar, title: 'Hlapec Jernej in njegova pravica', ...stories(['Socialna vprašanja']), editions: 3 },
  { ...cankar, title: 'Martin Kačur', subtitle: 'življenjepis idealista', ...novel(), editions: 2 },
  { ...cankar, title: 'Hiša Marije Pomočnice', ...novel(), editions: 2 },
  { ...cankar, title: 'Moje življenje', ...stories(['Avtobiografska proza']), editions: 2 },
  { ...cankar, title: 'Podobe iz sanj', ...stories(['Prva svetovna vojna']) },
  { ...cankar, title: 'Kralj na Betajnovi', ...play(), editions: 2 },
  { ...cankar, title: 'Pohujšanje v dolini šentflorjanski', ...play() },
  { ...cankar, title: 'The bailiff Yerney and his rights', ...stories(['Prevodi']), language: 'eng' },
  { ...levstik, title: 'Martin Krpan z Vrha', ...youth(['Slovenska književnost', 'Povesti']), editions: 3 },
  { ...levstik, title: 'Martin Krpan z Vrha', ...youth(['Slovenska književnost', 'Povesti', 'Zvočne knjige']), type: 'i', responsibility: 'Fran Levstik ; bere dramski igralec' },
  { ...levstik, title: 'Popotovanje iz Litije do Čateža', ...stories(['Potopisi', 'Literarna kritika']) },
  { ...levstik, title: 'Najdihojca', subtitle: 'pesmi za otroke', ...youth(['Otroška poezija']) },
  { ...jurcic, title: 'Deseti brat', subtitle: 'roman', ...novel(), editions: 3 },
  { ...jurcic, title: 'Jurij Kozjak, slovenski janičar', ...youth(['Zgodovinske povesti', 'Turški vpadi']), editions: 2 },
  { ...jurcic, title: 'Sosedov sin', ...stories(['Kmečko življenje']) },
  { ...jurcic, title: 'Rokovnjači', ...novel(['Zgodovinski romani']), responsibility: 'Josip Jurčič in Janko Kersnik' },
  { ...kosovel, title: "Integrali '26", ...poetry(['Konstruktivizem']), editions: 2 },
  { ...kosovel, title: 'Zlati čoln', ...poetry() },
  { ...kosovel, title: 'Ekstaza smrti', ...poetry() },
  { ...kosovel, title: 'Izbrane pesmi', ...poetry(['Kras']), editions: 2 },
  { ...gregorcic, title: 'Poezije', ...poetry(['Posočje']), editions: 2 },
  { ...gregorcic, title: 'Izbrane pesmi', ...poetry() },
  { ...tavcar, title: 'Cvetje v jeseni', ...novel(['Kmečko življenje']), editions: 3 },
  { ...tavcar, title: 'Visoška kronika', ...novel(['Zgodovinski romani', 'Škofja Loka']), editions: 3 },
  { ...tavcar, title: '4000', ...novel(['Utopije']) },
  { author: null, title: 'Cvetje v jeseni', ...novel(['Filmi']), type: 'g', responsibility: 'režija Matjaž Klopčič ; po romanu Ivana Tavčarja' },
  { ...bevk, title: 'Kaplan Martin Čedermac', ...novel(['Beneška Slovenija']), editions: 2 },
  { ...bevk, title: 'Pestrna', ...youth(['Povesti']), editions: 2 },
  { ...bevk, title: 'Lukec in njegov škorec', ...youth(['Ptice', 'Povesti']) },
  { ...bevk, title: 'Grivarjevi otroci', ...youth(['Povesti']) },
  { ...bevk, title: 'Tatič', ...youth(['Povesti']), series: 'Zbirka Čebelica' },
  { ...kersnik, title: 'Jara gospoda', ...novel(), editions: 2 },
  { ...kersnik, title: 'Kmetske slike', ...stories(['Kmečko življenje']), editions: 2 },
  { ...kersnik, title: 'Ciklamen', ...novel() },
  { ...kersnik, title: 'Agitator', ...novel() },
  { ...askerc, title: 'Balade in romance', ...poetry(['Balade']), editions: 2 },
  { ...askerc, title: 'Stara pravda', ...poetry(['Kmečki upori']) },
  { ...murn, title: 'Pesmi in romance', ...poetry(), editions: 2 },
  { ...zupancic, title: 'Ciciban', ...youth(['Otroška poezija', 'Slovenska poezija']), editions: 3, series: 'Zbirka Čebelica' },
  { ...zupancic, title: 'Mehurčki', ...youth(['Otroška poezija', 'Slovenska poezija']), editions: 2 },
  { ...zupancic, title: 'Čez plan', ...poetry() },
  { ...zupancic, title: 'Samogovori', ...poetry() },
  { ...zupancic, title: 'Veronika Deseniška', ...play(['Celjski grofje']) },
  { ...voranc, title: 'Samorastniki', ...stories(['Koroška']), editions: 3 },
  { ...voranc, title: 'Solzice', ...youth(['Koroška', 'Kratka proza']), editions: 3 },
  { ...voranc, title: 'Doberdob', ...novel(['Prva svetovna vojna']), editions: 2 },
  { ...voranc, title: 'Jamnica', ...novel(['Koroška']) },
  { ...voranc, title: 'Požganica', ...novel(['Koroška']) },
  { ...kette, title: 'Poezije', ...poetry(['Soneti']), editions: 2 },
  { ...trdina, title: 'Bajke in povesti o Gorjancih', ...stories(['Ljudsko izročilo', 'Bajke', 'Dolenjska']), editions: 3 },
  { ...stritar, title: 'Zorin', ...novel() },
  { ...stritar, title: 'Dunajski soneti', ...poetry(['Soneti']) },
  { ...stritar, title: 'Pod lipo', ...youth(['Otroška poezija']) },
  { ...erjavec, title: 'Domače in tuje živali v podobah', ...about(['Živali', 'Poljudnoznanstvena literatura']), editions: 2 },
  { ...erjavec, title: 'Ni vse zlato, kar se sveti', ...stories() },
  { ...vandot, title: 'Kekec nad samotnim breznom', ...youth(['Gore', 'Povesti']), editions: 3 },
  { ...vandot, title: 'Kekec na volčji sledi', ...youth(['Gore', 'Povesti']), editions: 2 },
  { ...milcinski, title: 'Butalci', ...stories(['Humoreske']), editions: 3 },
  { ...milcinski, title: 'Zgodbe kralja Matjaža', ...youth(['Pravljice', 'Ljudsko izročilo']), editions: 2 },
  { ...milcinski, title: 'Ptički brez gnezda', ...youth(['Povesti']) },
  { ...bartol, title: 'Alamut', ...novel(['Zgodovinski romani']), editions: 3 },
  { ...bartol, title: 'Alamut', ...novel(['Zgodovinski romani', 'Prevodi']), language: 'eng', responsibility: 'Vladimir Bartol ; translated by Michael Biggins' },
  { ...kosmac, title: 'Tantadruj', ...stories(), editions: 2 },
  { ...kosmac, title: 'Pomladni dan', ...novel(['Primorska']) },
  { author: 'Kranjec, Miško', dates: '1908-1983', title: 'Režonja na svojem', ...novel(['Prekmurje']) },
  { author: 'Ingolič, Anton', dates: '1907-1992', title: 'Gimnazijka', ...youth(['Romani', 'Mladostniki']), editions: 2 },
  { author: 'Zupan, Vitomil', dates: '1914-1987', title: 'Menuet za kitaro', ...novel(['Druga svetovna vojna']) },
  { author: 'Peroci, Ela', dates: '1922-2001', title: 'Muca Copatarica', ...youth(['Pravljice', 'Slikanice']), editions: 3, series: 'Zbirka Čebelica' },
  { author: 'Peroci, Ela', dates: '1922-2001', title: 'Hišica iz kock', ...youth(['Pravljice', 'Slikanice']), editions: 2, series: 'Zbirka Čebelica' },
  { author: 'Kovič, Kajetan', dates: '1931-2014', title: 'Maček Muri', ...youth(['Otroška poezija', 'Slikanice']), editions: 3 },
  { author: 'Pavček, Tone', dates: '1928-2011', title: 'Juri Muri v Afriki', ...youth(['Otroška poezija', 'Slikanice']), editions: 2 },
  { author: 'Makarovič, Svetlana', dates: '1939-', title: 'Sapramiška', ...youth(['Pravljice', 'Slikanice']), editions: 2 },
  { author: 'Makarovič, Svetlana', dates: '1939-', title: 'Pekarna Mišmaš', ...youth(['Pravljice', 'Slikanice']), editions: 2 },
  {
    author: 'Bonsels, Waldemar',
    dates: '1880-1952',
    title: 'Čebelica Maja in njene dogodivščine',
    ...youth(['Čebele', 'Pravljice', 'Živali']),
    responsibility: 'Waldemar Bonsels ; prevedel Josip Ribičič',
    editions: 2,
  },
  { author: null, title: 'Mojca Pokrajculja', subtitle: 'slovenska ljudska pravljica', ...youth(['Ljudske pravljice', 'Pravljice', 'Slikanice']), editions: 2, series: 'Zbirka Čebelica' },
  { author: null, title: 'Peter Klepec', subtitle: 'slovenska ljudska pripovedka', ...youth(['Ljudske pravljice', 'Pravljice']), series: 'Zbirka Čebelica' },
  { author: null, title: 'Zlata ptica', subtitle: 'slovenske ljudske pravljice', ...youth(['Ljudske pravljice', 'Pravljice']) },
  { ...janša, title: 'Popolni nauk o čebelarstvu', ...about(['Čebelarstvo', 'Čebele', 'Zgodovina čebelarstva']), editions: 2 },
  { ...janša, title: 'Razprava o rojenju čebel', ...about(['Čebelarstvo', 'Čebele']) },
  { author: 'Valvasor, Janez Vajkard', dates: '1641-1693', title: 'Slava vojvodine Kranjske', ...about(['Kranjska', 'Zgodovina', 'Domoznanstvo']), editions: 2 },
  { author: null, title: 'Čebele in čebelarstvo na Slovenskem', ...about(['Čebelarstvo', 'Čebele']), editions: 2 },
  { author: null, title: 'Kranjska čebela', subtitle: 'avtohtona slovenska čebela', ...about(['Čebele', 'Kranjska sivka']) },
  { author: null, title: 'Panjske končnice', subtitle: 'ljudska umetnost na čebelnjakih', ...about(['Panjske končnice', 'Ljudska umetnost', 'Čebelarstvo']) },
  { author: null, title: 'Čebelarjev priročnik', subtitle: 'od roja do medu', ...about(['Čebelarstvo', 'Med']) },
  { author: null, title: 'Knjižnice na Slovenskem', subtitle: 'od samostanskih do splošnih knjižnic', ...about(['Knjižnice', 'Zgodovina']), editions: 2 },
  { author: null, title: 'Splošna knjižnica', subtitle: 'vodnik za bralce', ...about(['Knjižnice', 'Knjižničarstvo']) },
  { author: null, title: 'Bibliobus', subtitle: 'potujoča knjižnica na podeželju', ...about(['Knjižnice', 'Bibliobusi']) },
  { author: null, title: 'Kranj skozi čas', ...about(['Kranj', 'Domoznanstvo', 'Zgodovina']) },
  { author: null, title: 'Bled', subtitle: 'zgodovina kraja in jezera', ...about(['Bled', 'Domoznanstvo']) },
  { author: null, title: 'Ljubljana', subtitle: 'zgodovina mesta', ...about(['Ljubljana', 'Zgodovina']), editions: 2 },
  { author: null, title: 'Kras', subtitle: 'pokrajina, življenje, ljudje', ...about(['Kras', 'Domoznanstvo']) },
  { author: null, title: 'Prekmurje', subtitle: 'domoznanski zbornik', ...about(['Prekmurje', 'Domoznanstvo']) },
  { author: null, title: 'Kozolci na Slovenskem', ...about(['Kozolci', 'Ljudsko stavbarstvo']) },
  { author: null, title: 'Gradovi na Slovenskem', ...about(['Gradovi', 'Zgodovina']), editions: 2 },
  { author: null, title: 'Triglavski narodni park', ...about(['Narava', 'Planinstvo', 'Julijske Alpe']) },
  { author: null, title: 'Slovenska kuhinja', subtitle: 'jedi iz vseh pokrajin', ...about(['Kulinarika', 'Slovenija']), editions: 2 },
  { author: null, title: 'Zdravilna zelišča', ...about(['Zeliščarstvo', 'Narava']) },
  { author: null, title: 'Ptice Slovenije', ...about(['Ptice', 'Narava']) },
  { author: null, title: 'Gobe na Slovenskem', ...about(['Gobe', 'Narava']) },
];
