#!/usr/bin/env node
// Builds the Slovenian reference data shipped with Mreža (data/networks/si/).
//
// Usage: node scripts/build-network-data.mjs [path-to-shared]   (default: ../shared next to the repo)
//
// Inputs (read-only):
//   <shared>/reference/network.tsv                       58 public libraries, OOK areas, municipalities served
//   <shared>/corpus/geo/gurs-rpe/OB-wgs84.csv            212 municipalities (GURS RPE, CC BY 4.0)
//   <shared>/corpus/geo/gurs-rpe/NA-wgs84.csv            6,035 settlements (GURS RPE, CC BY 4.0)
//   <shared>/corpus/geo/gurs-rpe/PT-wgs84.csv            postal districts (GURS RPE) – used to check postcodes
//   <shared>/corpus/geo/gurs-rpe/SR.geojson              12 statistical regions (GURS RPE)
//   <shared>/corpus/geo/naselja-pop/naselja-population.csv  settlement population (SURS via Wikipedia)
//   <shared>/corpus/geo/sledilnik-dict-municipality.csv  municipal population (SURS, 1 Jan 2021); lon/lat NOT used
//
// Plain Node 20 ESM, no dependencies. Output is deterministic: stable sorts, "\n" line ends, UTF-8.
// The script fails loudly (exit code 1) when a consistency check fails.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.argv[2] ? resolve(process.argv[2]) : resolve(repoRoot, '..', 'shared');
const geo = join(shared, 'corpus', 'geo');
const outDir = join(repoRoot, 'data', 'networks', 'si');

const errors = [];
function check(cond, msg) {
  if (!cond) errors.push(msg);
}
function fail(msg) {
  console.error(`build-network-data: ${msg}`);
  process.exit(1);
}

// ---------------------------------------------------------------- CSV / TSV

/** RFC 4180 parser: quoted fields, doubled quotes, CR/LF line ends. Returns array of rows (arrays). */
function parseCsv(text, sep = ',') {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let inQuotes = false;
  while (i < text.length) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      i++;
    } else if (c === sep) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (inQuotes) fail('unterminated quoted field in CSV input');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Reads a delimited file into objects keyed by the header row. */
function readTable(path, sep = ',') {
  const rows = parseCsv(readFileSync(path, 'utf8'), sep);
  const header = rows[0];
  return rows.slice(1).map((r, n) => {
    if (r.length !== header.length) fail(`${path}: row ${n + 2} has ${r.length} fields, header has ${header.length}`);
    return Object.fromEntries(header.map((h, k) => [h, r[k]]));
  });
}

function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsv(name, columns, rows) {
  const lines = [columns.join(',')];
  for (const r of rows) {
    for (const c of columns) if (!(c in r)) fail(`${name}: row lacks column ${c}`);
    lines.push(columns.map((c) => csvField(r[c])).join(','));
  }
  writeFileSync(join(outDir, name), lines.join('\n') + '\n', 'utf8');
  return rows.length;
}

// ---------------------------------------------------------------- helpers

const collator = (a, b) => (a < b ? -1 : a > b ? 1 : 0); // code-unit order: locale-independent, stable

function slug(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const fix6 = (x) => Number(x).toFixed(6);
const isoCode = (n) => `SI-${String(n).padStart(3, '0')}`;

/** FNV-1a 32-bit, for deterministic "random" demo variation. */
function fnv1a(s) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// ---------------------------------------------------------------- verified facts (see data/README.md)
// Street addresses of the central building, each read on the page given in `url` (search corpus "pages",
// November 2026). Postcode/post name are checked against GURS postal districts below.
const VERIFIED_ADDRESS = {
  celje: { address: 'Muzejski trg 1a', postal_code: '3000', url: 'https://www.knjiznica-celje.si/o-nas/obmocnost/osrednja-obmocna-knjiznica' },
  hrastnik: { address: 'Trg Franca Kozarja 7', postal_code: '1430', url: 'https://hra.sik.si/o-nas/' },
  'novo-mesto': { address: 'Rozmanova ulica 28', postal_code: '8000', url: 'https://www.nm.sik.si/si/knjiznica/ukrajina/' },
  sevnica: { address: 'Prešernova ulica 1', postal_code: '8290', url: 'https://www.knjiznica-sevnica.si/posavska-potujoca-knjiznica/' },
  kranj: { address: 'Gregorčičeva ulica 1', postal_code: '4000', url: 'https://www.kranj.si/KRANJ_SI,,kranj_moje_mesto,kultura,mestna_knjiznica_kranj.htm' },
  'skofja-loka': { address: 'Šolska ulica 6', postal_code: '4220', url: 'https://culture.si/institutions/ivan-tavcar-public-library-skofja-loka/' },
  ljubljana: { address: 'Kersnikova 2', postal_code: '1000', url: 'https://www.mklj.si/informacije-javnega-znacaja/' },
  koper: { address: 'Trg Brolo 1', postal_code: '6000', url: 'https://www.kp.sik.si/o-knjiznici/' },
  'nova-gorica': { address: 'Trg Edvarda Kardelja 4', postal_code: '5000', url: 'https://www.culture.si/w/index.php?title=France_Bevk_Public_Library_Nova_Gorica&diff=103833&oldid=103832' },
  maribor: {
    address: 'Rotovški trg 2',
    postal_code: '2000',
    url: 'https://www.yumpu.com/xx/document/view/45002730/letno-poroailo-mariborske-knjia-3-4-nice-2010-mariborska-knjia-3-4-nica',
    note: 'address = registered seat (annual report 2010); since 2021 the central library works temporarily in the City Maribor shopping centre, the new Center Rotovž on Rotovški trg is due 2026 (https://culture.si/en/Maribor_Public_Library)',
  },
  ptuj: { address: 'Prešernova ulica 33-35', postal_code: '2250', url: 'https://www.culture.si/en/Ivan_Potr%C4%8D_Library_Ptuj' },
  'murska-sobota': { address: 'Zvezna ulica 10', postal_code: '9000', url: 'https://adrinetbook.movio.it/en/41/regional-and-study-library-in-murska-sobota/show/3/2598' },
  'ravne-na-koroskem': { address: 'Na gradu 1', postal_code: '2390', url: 'https://www.rav.sik.si/informacije/katalog-informacij-javnega-znacaja' },
  dravograd: { address: 'Koroška cesta 47', postal_code: '2370', url: 'https://knjiznica-dravograd.si/dokumenti-knjiznice/' },
  'radlje-ob-dravi': { address: 'Koroška cesta 61a', postal_code: '2360', url: 'https://www.culture.si/en/Radlje_ob_Dravi_Public_Library' },
  'slovenj-gradec': { address: 'Ronkova ulica 4', postal_code: '2380', url: 'https://www.sg.sik.si/o-knjiznici/informacije-javnega-znacaja/' },
  // second round (search corpus "pages", November 2026)
  sentjur: { address: 'Mestni trg 5B', postal_code: '3230', url: 'https://sen.sik.si/index.php/o-nas/katalog-informacij' },
  'slovenske-konjice': { address: 'Mestni trg 4', postal_code: '3210', url: 'https://www.knjiznica-slovenskekonjice.si/zgodovina-knjiznice/' },
  zalec: { address: 'Aškerčeva 9a', postal_code: '3310', url: 'https://www.zal.sik.si/o-knjiznici/info-javnega-znacaja/' },
  'ilirska-bistrica': { address: 'Trg Maršala Tita 2', postal_code: '6250', url: 'https://culture.si/institutions/makse-samsa-library-ilirska-bistrica/' },
  izola: { address: 'Ulica Osvobodilne fronte 15', postal_code: '6310', url: 'https://www.izo.sik.si/katalog-informacij-javnega-znacaja/', note: 'bilingual: Via del Fronte di Liberazione 15, Isola' },
  piran: { address: 'Župančičeva 4', postal_code: '6330', url: 'https://www.pir.sik.si/katalog-informacij-javnega-znacaja/', note: 'the library moved there from Tartinijev trg 1 in January 2009 (library report 2009)' },
  postojna: { address: 'Trg padlih borcev 5', postal_code: '6230', url: 'https://www.culture.si/en/Beno_Zupan%C4%8Di%C4%8D_Library_Postojna', note: 'same address on the municipal page http://www.postojna.si/o-obcini/o-postojni/kultura/kultura-v-obcini-postojna/knjiznica-bena-zupancica-postojna/' },
  sezana: { address: 'Mirka Pirca 1', postal_code: '6210', url: 'http://www.kosovelova.si/dokumenti/letna-porocila/porocilo-za-leto-2017/', note: 'seat as given in the annual reports 2013–2017' },
  jesenice: { address: 'Trg Toneta Čufarja 4', postal_code: '4270', url: 'https://www.knjiznica-jesenice.si/kdo_smo.htm?mode=get_content&content_id=84' },
  trzic: { address: 'Balos 4', postal_code: '4290', url: 'http://www.knjiznica-trzic.si/o-knjiznici/' },
  cerknica: { address: 'Partizanska cesta 22', postal_code: '1380', url: 'https://culture.si/en/Jo%C5%BEe_Udovi%C4%8D_Public_Library,_Cerknica' },
  litija: {
    address: 'Parmova ulica 9',
    postal_code: '1270',
    url: 'https://www.knjiznica-litija.si/O-nas/Kronika',
    note: 'the chronicle says the whole building at Parmova 9 was given to the library (1989); full address with postcode on the library\'s programme leaflet of December 2009 (https://www.scribd.com/doc/23302417/napovednik-december-2009-1-kon%C4%8Dna)',
  },
  domzale: {
    address: 'Cesta talcev 4',
    postal_code: '1230',
    url: 'https://librarybuildings.info/slovenia/domzale-public-library',
    note: 'third-party source (librarybuildings.info, a database of library buildings); not found on the library\'s own pages',
  },
  grosuplje: {
    address: 'Adamičeva cesta 15',
    postal_code: '1290',
    url: 'https://librarybuildings.info/slovenia/grosuplje-public-library',
    note: 'third-party source (librarybuildings.info, a database of library buildings); not found on the library\'s own pages',
  },
  vrhnika: { address: 'Tržaška 32', postal_code: '1360', url: 'https://culture.si/en/Ivan_Cankar_Library,_Vrhnika', note: 'in the Vrhnika Cultural Centre (former IUV leather factory) since 2014' },
  lenart: { address: 'Nikova ulica 9', postal_code: '2230', url: 'https://knjiznica-lenart.si/kulturni-dogodki?start=170', note: 'post name in GURS: Lenart v Slov. goricah' },
  medvode: {
    address: 'Cesta komandanta Staneta 10',
    postal_code: '1215',
    url: 'https://www.invalidska-kartica.si/sl/ponudnik/44/knjiznica-medvode',
    note: 'third-party source (invalidska-kartica.si provider directory); sl.wikipedia "Knjižnica Medvode" gives the same street and number',
  },
  ljutomer: { address: 'Glavni trg 2', postal_code: '9240', url: 'https://knjiznica-ljutomer.si/katalog-informacij/', note: 'library\'s own catalogue of public information (last changed 2012); culture.si writes "Glavni trg 1" – the library\'s own page is used' },
  ajdovscina: { address: 'Cesta IV. prekomorske 1', postal_code: '5270', url: 'http://www.ajd.sik.si/inf-javnega-znacaja/', note: 'same address on the municipal page ajdovscina.si' },
  tolmin: { address: 'Tumov drevored 6', postal_code: '5220', url: 'http://pro.culture.si/en/Ciril_Kosma%C4%8D_Public_Library,_Tolmin' },
  brezice: { address: 'Trg Jožeta Toporišiča 1', postal_code: '8250', url: 'https://knjiznica-brezice.si/o-knjiznici/knjiznicna-mreza' },
  kocevje: { address: 'Trg zbora odposlancev 26', postal_code: '1330', url: 'http://knjiznica-kocevje.si/osebna-izkaznica/', note: 'seat also in the founding act, Uradni list RS 68/2016' },
  krsko: { address: 'Cesta krških žrtev 26', postal_code: '8270', url: 'https://culture.si/institutions/valvasor-library-krsko/', note: 'former Capuchin monastery, extension opened 2022; same address on the Brežice library\'s network page' },
  trebnje: { address: 'Kidričeva 2', postal_code: '8210', url: 'https://culture.si/location/trebnje/' },
  ormoz: {
    address: 'Žigrova ulica 6b',
    postal_code: '2270',
    url: 'http://orm.sik.si/pages/o-knjiznici/katalog-informacij-javnega-znacaja.php',
    note: 'library\'s own catalogue (last changed 12 Nov 2018); the library moved from Ormož Castle (Kolodvorska 9, still on culture.si) to Žigrova ulica in January 2015 (https://ktv-ormoz.si/kniznica-franca-ksavra-meska-ormoz-od-danes-na-novi-lokaciji/)',
  },
  ribnica: {
    address: 'Škrabčev trg 21',
    postal_code: '1310',
    url: 'https://culture.si/location/jugovzhodna-slovenija/',
    note: 'street and number also on the library\'s own page https://www.miklovahisa.si/o-knjiznici/katalog-informacij-javnega-znacaja.html; back in the renovated Mikl House since July 2024 after a flood',
  },
};

// Own web sites confirmed by a page that is not among the address/source URLs (the page is added to `source`).
const VERIFIED_WEBSITE = {
  cerknica: { website: 'https://www.kjuc.si/', url: 'https://www.kjuc.si/knjiznica-jozeta-udovica-cerknica/' },
  postojna: {
    website: 'http://www.po.sik.si/',
    url: 'http://www.postojna.si/o-obcini/o-postojni/kultura/kultura-v-obcini-postojna/knjiznica-bena-zupancica-postojna/',
    note: 'municipal page: "Uradni spletni naslov: http://www.po.sik.si/"',
  },
  'ilirska-bistrica': { website: 'https://www.knjiznica-ilb.si/', url: 'https://www.knjiznica-ilb.si/predstavitev/' },
  trbovlje: { website: 'https://knjiznica-trbovlje.si/', url: 'https://knjiznica-trbovlje.si/info/' },
  grosuplje: { website: 'https://www.gro.sik.si/', url: 'https://www.gro.sik.si/o-knjiznici/' },
  domzale: { website: 'https://www.knjiznica-domzale.si/', url: 'https://www.knjiznica-domzale.si/O-nas/O-knji%C5%BEnici/Zgodovina' },
  kamnik: { website: 'http://kam.sik.si/', url: 'http://kam.sik.si/Dejavnosti-in-projekti/Domoznanstvo' },
  vrhnika: { website: 'http://ckv.si/', url: 'http://ckv.si/vsebina.php?vid=20080825150011336' },
  tolmin: { website: 'https://www.kcktolmin.si/', url: 'https://www.kcktolmin.si/zgodovina-knjiznice/' },
};

// Regular opening hours of the central building, read on the page given in `url`; `stated` = what the page says about
// validity. Weekday 1 = Monday … 7 = Sunday; a weekday not listed is closed. Where a page gives summer hours as well,
// the regular (school-year) hours are used. Everything not listed here stays demonstration data.
const VERIFIED_HOURS = {
  sevnica: {
    url: 'https://knjiznica-sevnica.si/o-knjiznici/odpiralni-casi.html',
    stated: 'regular hours, Jul–Aug summer hours differ; page text refers to 2019',
    days: { 1: [['07:00', '18:00']], 2: [['07:00', '15:00']], 3: [['10:00', '18:00']], 4: [['07:00', '15:00']], 5: [['07:00', '18:00']], 6: [['07:00', '12:00']] },
  },
  jesenice: {
    url: 'https://www.knjiznica-jesenice.si/kdo_smo.htm?mode=get_content&content_id=84',
    stated: '"vsak dan 7.30–19.00, ob sobotah 7.30–13.00", read as Mon–Fri + Sat; Jul–Aug hours differ; page gives figures for 2017',
    days: { 1: [['07:30', '19:00']], 2: [['07:30', '19:00']], 3: [['07:30', '19:00']], 4: [['07:30', '19:00']], 5: [['07:30', '19:00']], 6: [['07:30', '13:00']] },
  },
  medvode: {
    url: 'https://www.knjiznica-medvode.si/obratovalni-cas-knjiznica-medvode/',
    stated: 'hours for 1 Jan–25 Jun and 1 Sep–31 Dec 2024, valid until revoked; summer hours 26 Jun–31 Aug differ',
    days: { 1: [['09:00', '19:00']], 2: [['09:00', '19:00']], 3: [['09:00', '19:00']], 4: [['09:00', '14:00']], 5: [['09:00', '19:00']], 6: [['07:30', '12:30']] },
  },
  trzic: {
    url: 'https://www.knjiznica-trzic.si/page/41/?eo_month=2029-03',
    stated: 'regular hours from 1 September, Jul–Aug summer hours differ; page carries news of November–December 2022',
    days: { 1: [['09:00', '18:00']], 2: [['09:00', '18:00']], 3: [['09:00', '18:00']], 4: [['09:00', '18:00']], 5: [['09:00', '18:00']], 6: [['08:00', '13:00']] },
  },
};

// Other checks of network.tsv values (no change of value); URL is appended to the row's source.
const CHECKS = {
  celje: [['https://www.nuk.uni-lj.si/nuk/ook', 'NUK OOK page lists the 11 member libraries of the Celje area (all match)']],
  hrastnik: [['https://zon.si/vec-kot-80-000-obiskov-knjiznice-v-lanskem-letu/', 'municipalities: potential users are the residents of Hrastnik (annual report 2023, via zon.si) – supports Hrastnik only']],
  'skofja-loka': [['https://www.knjiznica-skofjaloka.si/en/about-library/', 'municipalities confirmed: Škofja Loka, Gorenja vas – Poljane, Železniki, Žiri']],
  'slovenj-gradec': [['https://www.sg.sik.si/o-knjiznici/zgodovina/', 'municipalities confirmed: MO Slovenj Gradec and Mislinja']],
  'radlje-ob-dravi': [['https://www.culture.si/en/Radlje_ob_Dravi_Public_Library', 'branches Muta, Vuzenica, Podvelka (Kapla), Ribnica na Pohorju match the 5 municipalities']],
  'gornja-radgona': [
    ['https://vestnik.svet24.si/clanek/aktualno/nadaljevali-bodo-obnovo-knjiznice-v-gornji-radgoni-868806', 'four co-founding municipalities confirmed (not named); library at Trg svobode, Gornja Radgona (house number not found)'],
  ],
  lenart: [['https://www.mb.sik.si/obcine.html?offset=1', 'area: Mariborska knjižnica does the OOK tasks for the libraries in Lenart and Slovenska Bistrica']],
  'slovenska-bistrica': [['https://www.mb.sik.si/obcine.html?offset=1', 'area: Mariborska knjižnica does the OOK tasks for the libraries in Lenart and Slovenska Bistrica']],
  ptuj: [['https://knjiznica-ptuj.si/?mdl=subpage&page_id=24&subpage_id=31', '16 municipalities confirmed; OOK tasks for Ormož, Sveti Tomaž, Središče ob Dravi']],
  kranj: [['http://www.mkk.si/spoznajte-knjiznico/o-knjiznici/vloga-in-poslanstvo/', 'municipalities confirmed: Kranj, Cerklje, Jezersko, Naklo, Preddvor, Šenčur']],
  lendava: [['https://www.kl-kl.si/knjiznica/', '7 municipalities confirmed']],
};
for (const id of ['ilirska-bistrica', 'izola', 'sezana', 'piran', 'postojna']) {
  CHECKS[id] = [['https://www.kp.sik.si/o-knjiznici/', 'area: listed by Osrednja knjižnica Srečka Vilharja Koper as an Obalno-kraško area library']];
}

// Library-owned web hosts (used to pick `website` out of the source URLs).
const OWN_HOSTS = {
  celje: 'knjiznica-celje.si', hrastnik: 'hra.sik.si', lasko: 'knjiznica-lasko.si', mozirje: 'knjiznica-mozirje.si',
  'slovenske-konjice': 'knjiznica-slovenskekonjice.si', sentjur: 'sen.sik.si', 'smarje-pri-jelsah': 's-je.sik.si',
  'rogaska-slatina': 'knjiznica-rogaska-slatina.si', velenje: 'knjiznica-velenje.si', 'novo-mesto': 'nm.sik.si',
  brezice: 'knjiznica-brezice.si', kocevje: 'knjiznica-kocevje.si', krsko: 'knjiznica-krsko.si', metlika: 'knjiznica-metlika.si',
  trebnje: 'tre.sik.si', ribnica: 'miklovahisa.si', sevnica: 'knjiznica-sevnica.si', kranj: 'mkk.si',
  'skofja-loka': 'knjiznica-skofjaloka.si', jesenice: 'knjiznica-jesenice.si', ljubljana: 'mklj.si', litija: 'knjiznica-litija.si',
  logatec: 'knjiznicalogatec.si', koper: 'kp.sik.si', sezana: 'kosovelova.si', 'nova-gorica': 'gkfb.si', idrija: 'idr.sik.si',
  maribor: 'mb.sik.si', 'slovenska-bistrica': 'kjv.si', ptuj: 'knjiznica-ptuj.si', 'murska-sobota': 'ms.sik.si',
  lendava: 'kl-kl.si', ljutomer: 'knjiznica-ljutomer.si', 'ravne-na-koroskem': 'rav.sik.si', dravograd: 'knjiznica-dravograd.si',
  'slovenj-gradec': 'sg.sik.si', zalec: 'zal.sik.si', izola: 'izo.sik.si', piran: 'pir.sik.si', trzic: 'knjiznica-trzic.si',
  lenart: 'knjiznica-lenart.si', medvode: 'knjiznica-medvode.si', ajdovscina: 'ajd.sik.si', ormoz: 'orm.sik.si',
};

// Names of the ten OOK areas. Sources: NUK OOK page and sl.wikipedia "Osrednja območna knjižnica" (Celjsko, Dolenjsko,
// Gorenjsko), the OOKs' own pages (Osrednjeslovensko: mklj.si/obmocnost; Obalno-kraško: kp.sik.si/o-knjiznici;
// Goriško: gkfb.si/o-knjiznici/obmocnost/gorisko-obmocje; Pomursko: beta.ms.sik.si/knjiznica/ook), NUK 2021 report
// (Koroško, per network.md). Mariborsko and Ptujsko were not found on a page: named after the seat (see README).
const REGION_NAMES = {
  celje: ['Celjsko območje', 'Celje area', 'https://www.knjiznica-celje.si/o-nas/obmocnost/osrednja-obmocna-knjiznica'],
  'novo-mesto': ['Dolenjsko območje', 'Dolenjska area', 'https://www.nuk.uni-lj.si/nuk/ook'],
  kranj: ['Gorenjsko območje', 'Gorenjska area', 'https://sl.m.wikipedia.org/wiki/Osrednja_obmo%C4%8Dna_knji%C5%BEnica'],
  ljubljana: ['Osrednjeslovensko območje', 'Central Slovenia area', 'https://www.mklj.si/obmocnost/'],
  koper: ['Obalno-kraško območje', 'Coast and Karst area', 'https://www.kp.sik.si/o-knjiznici/'],
  'nova-gorica': ['Goriško območje', 'Goriška area', 'https://gkfb.si/o-knjiznici/obmocnost/gorisko-obmocje'],
  maribor: ['Mariborsko območje', 'Maribor area', 'https://www.mb.sik.si/obcine.html?offset=1'],
  'murska-sobota': ['Pomursko območje', 'Pomurje area', 'https://beta.ms.sik.si/knjiznica/ook/'],
  ptuj: ['Ptujsko območje', 'Ptuj area', 'https://knjiznica-ptuj.si/?mdl=subpage&page_id=24&subpage_id=31'],
  'ravne-na-koroskem': ['Koroško območje', 'Koroška area', 'https://www.knjiznica-ravne.si/en/about-us/history-of-the-library/'],
};

// ---------------------------------------------------------------- read inputs

const network = readTable(join(shared, 'reference', 'network.tsv'), '\t');
const OB = readTable(join(geo, 'gurs-rpe', 'OB-wgs84.csv'));
const NA = readTable(join(geo, 'gurs-rpe', 'NA-wgs84.csv'));
const PT = readTable(join(geo, 'gurs-rpe', 'PT-wgs84.csv'));
const naseljaPop = readTable(join(geo, 'naselja-pop', 'naselja-population.csv'));
const sledilnik = readTable(join(geo, 'sledilnik-dict-municipality.csv'));
const SR = JSON.parse(readFileSync(join(geo, 'gurs-rpe', 'SR.geojson'), 'utf8'));

check(network.length === 58, `network.tsv: expected 58 libraries, got ${network.length}`);
check(OB.length === 212, `OB: expected 212 municipalities, got ${OB.length}`);
check(NA.length === 6035, `NA: expected 6035 settlements, got ${NA.length}`);
check(naseljaPop.length === 6035, `naselja-pop: expected 6035 rows, got ${naseljaPop.length}`);

// ---------------------------------------------------------------- municipalities

const obByMid = new Map(OB.map((o) => [o.OB_MID, o]));
const obByCode = new Map(OB.map((o) => [isoCode(o.OB_ID), o]));
const obByName = new Map(OB.map((o) => [o.OB_UIME, o]));
const slByCode = new Map(sledilnik.filter((s) => s.iso_code).map((s) => [s.iso_code, s]));
check(slByCode.size === 212, `sledilnik: expected 212 municipalities, got ${slByCode.size}`);
const nationalRow = sledilnik.find((s) => s.id === 'slovenija');
const POPULATION_YEAR = 2021; // SURS population on 1 January 2021 (national total 2,108,977; see naselja-pop/README.md)

// library assignment per municipality (each exactly once)
const libIdOfShort = new Map();
const libraries = network.map((r) => {
  const id = slug(r.short_name);
  if (libIdOfShort.has(r.short_name) || [...libIdOfShort.values()].includes(id)) fail(`duplicate library id ${id}`);
  libIdOfShort.set(r.short_name, id);
  return { ...r, id, served: r.municipalities_served.split(';').map((s) => s.trim()).filter(Boolean) };
});
const libOfMunicipality = new Map();
for (const lib of libraries) {
  for (const code of lib.served) {
    if (!obByCode.has(code)) fail(`network.tsv: ${lib.short_name} serves unknown municipality ${code}`);
    if (libOfMunicipality.has(code)) fail(`network.tsv: municipality ${code} assigned to ${libOfMunicipality.get(code)} and ${lib.id}`);
    libOfMunicipality.set(code, lib.id);
  }
}
for (const code of obByCode.keys()) if (!libOfMunicipality.has(code)) fail(`network.tsv: municipality ${code} is not served by any library`);

// ---------------------------------------------------------------- settlements

const popByMid = new Map(naseljaPop.map((p) => [p.NA_MID, p]));
const settlements = NA.map((n) => {
  const ob = obByMid.get(n.OB_MID);
  if (!ob) fail(`NA ${n.NA_MID}: unknown OB_MID ${n.OB_MID}`);
  const p = popByMid.get(n.NA_MID);
  if (!p) fail(`naselja-pop: no row for NA_MID ${n.NA_MID}`);
  const known = p.POP_SRC !== '';
  return {
    id: n.NA_MID,
    name: n.NA_UIME,
    name_alt: n.NA_DJ,
    municipality_code: isoCode(ob.OB_ID),
    lat: fix6(n.LAT),
    lon: fix6(n.LON),
    population: known ? String(Number(p.POP_ADJ)) : '',
    source: known ? 'GURS RPE; pop: SURS via Wikipedia (naselja-pop)' : 'GURS RPE',
  };
});
settlements.sort((a, b) => collator(a.municipality_code, b.municipality_code) || Number(a.id) - Number(b.id));
const settlementsByMun = new Map();
for (const s of settlements) {
  if (!settlementsByMun.has(s.municipality_code)) settlementsByMun.set(s.municipality_code, []);
  settlementsByMun.get(s.municipality_code).push(s);
}

/** The settlement named like the municipality (exactly, as a prefix, or the first part of a double name), else the most populous one (ties: lowest NA_MID). */
function seatSettlement(code) {
  const ob = obByCode.get(code);
  const list = settlementsByMun.get(code) || [];
  if (list.length === 0) fail(`municipality ${code} has no settlements`);
  const byPop = (xs) => [...xs].sort((a, b) => Number(b.population || 0) - Number(a.population || 0) || Number(a.id) - Number(b.id));
  const named = list.filter((s) => s.name === ob.OB_UIME);
  if (named.length >= 1) return byPop(named)[0];
  // seat settlements whose name extends the municipality's: "Videm pri Ptuju", "Šentilj v Slov. goricah"
  const prefixed = list.filter((s) => s.name.startsWith(ob.OB_UIME + ' '));
  if (prefixed.length >= 1) return byPop(prefixed)[0];
  // double-barrelled municipalities: "Rače-Fram" -> "Rače", "Miren-Kostanjevica" -> "Miren"
  const first = ob.OB_UIME.split('-')[0].trim();
  const firstNamed = first !== ob.OB_UIME ? list.filter((s) => s.name === first) : [];
  if (firstNamed.length >= 1) return byPop(firstNamed)[0];
  return byPop(list)[0];
}

const municipalities = OB.map((o) => {
  const code = isoCode(o.OB_ID);
  const sl = slByCode.get(code);
  if (!sl) fail(`sledilnik: no population for ${code} ${o.OB_UIME}`);
  let nameAlt = '';
  if (sl.name.includes('/')) nameAlt = sl.name.split('/').slice(1).join('/').trim();
  else if (sl.name_alt && sl.name_alt !== o.OB_UIME) nameAlt = sl.name_alt;
  return {
    code,
    number: String(Number(o.OB_ID)),
    name: o.OB_UIME,
    name_alt: nameAlt,
    kind: o.OB_TIP === 'D' ? 'urban' : 'other',
    population: String(Number(sl.population)),
    population_year: String(POPULATION_YEAR),
    area_km2: String(Number(o.POV_KM2)),
    lat: fix6(o.LAT),
    lon: fix6(o.LON),
    library_id: libOfMunicipality.get(code),
    source: 'GURS RPE; SURS via sledilnik; network.tsv',
  };
}).sort((a, b) => Number(a.number) - Number(b.number));

const popSum = municipalities.reduce((s, m) => s + Number(m.population), 0);
check(popSum === Number(nationalRow.population), `municipal population sum ${popSum} != national ${nationalRow.population}`);
check(municipalities.filter((m) => m.kind === 'urban').length === 11, 'expected 11 urban municipalities (mestne občine, GURS OB_TIP D)');
const settlementPopSum = settlements.reduce((s, x) => s + Number(x.population || 0), 0);
check(settlementPopSum === popSum, `settlement population sum ${settlementPopSum} != municipal sum ${popSum}`);

// ---------------------------------------------------------------- regions and libraries

const ookRows = libraries.filter((l) => l.is_ook === 'yes');
check(ookRows.length === 10, `expected 10 OOK, got ${ookRows.length}`);
const regionOfArea = new Map(); // network.tsv ook_area -> region id
for (const l of ookRows) {
  if (l.ook_area !== l.short_name) fail(`OOK ${l.short_name} has area ${l.ook_area}`);
  regionOfArea.set(l.ook_area, l.id);
}
const regions = ookRows
  .map((l) => {
    const names = REGION_NAMES[l.id];
    if (!names) fail(`no region name for ${l.id}`);
    return { id: l.id, name_sl: names[0], name_en: names[1], ook_library_id: l.id, source: `${names[2]} | network.tsv` };
  })
  .sort((a, b) => collator(a.id, b.id));

const ptByCode = new Map(PT.map((p) => [p.PT_ID, p]));

const libraryRows = libraries.map((l) => {
  const regionId = regionOfArea.get(l.ook_area);
  if (!regionId) fail(`library ${l.short_name}: unknown OOK area ${l.ook_area}`);
  const seatOb = obByName.get(l.seat_municipality);
  if (!seatOb) fail(`library ${l.short_name}: seat municipality "${l.seat_municipality}" not in GURS OB`);
  const seatCode = isoCode(seatOb.OB_ID);
  if (!l.served.includes(seatCode)) fail(`library ${l.short_name}: does not serve its own seat municipality ${seatCode}`);
  const seat = seatSettlement(seatCode);
  const sources = l.source.split(' | ').map((s) => s.trim()).filter((s) => s && s !== '?');
  const notes = l.note ? [l.note] : [];
  const v = VERIFIED_ADDRESS[l.id];
  let address = '', postal = '', post = '';
  if (v) {
    const pt = ptByCode.get(v.postal_code);
    if (!pt) fail(`verified address of ${l.id}: unknown postcode ${v.postal_code}`);
    address = v.address;
    postal = v.postal_code;
    post = pt.PT_UIME;
    if (!sources.includes(v.url)) sources.push(v.url);
    notes.push(`address verified (${v.url})${v.note ? '; ' + v.note : ''}; lat/lon = seat settlement centre`);
  } else {
    notes.push('address not verified: lat/lon = seat settlement centre (demo)');
  }
  for (const [url, text] of CHECKS[l.id] || []) {
    if (!sources.includes(url)) sources.push(url);
    notes.push(`checked: ${text}`);
  }
  const vh = VERIFIED_HOURS[l.id];
  if (vh) {
    if (!sources.includes(vh.url)) sources.push(vh.url);
    notes.push(`opening hours of the central building verified (${vh.url}; ${vh.stated})`);
  }
  let website = '';
  const host = OWN_HOSTS[l.id];
  if (host) {
    for (const s of sources) {
      const m = /^(https?):\/\/(?:www\.)?([^/\s]+)/.exec(s);
      if (m && m[2] === host) {
        website = `${m[1]}://${/^https?:\/\/www\./.test(s) ? 'www.' : ''}${host}/`;
        break;
      }
    }
  }
  const vw = VERIFIED_WEBSITE[l.id];
  if (vw && !website) {
    website = vw.website;
    if (!sources.includes(vw.url)) sources.push(vw.url);
    notes.push(`website confirmed (${vw.url})${vw.note ? '; ' + vw.note : ''}`);
  }
  // network.tsv writes a renamed library as "New name (formerly Old name)"; the old name is its own column,
  // so pages can say "formerly" in the reader's language.
  const renamed = /^(.*\S)\s+\(formerly (.+)\)$/.exec(l.library_name);
  return {
    id: l.id,
    name: renamed ? renamed[1] : l.library_name,
    former_name: renamed ? renamed[2] : '',
    short_name: l.short_name,
    region_id: regionId,
    is_ook: l.is_ook === 'yes' ? '1' : '0',
    seat_municipality: seatCode,
    address,
    postal_code: postal,
    post_name: post,
    website,
    // No page read for this data set gave a library's phone or e-mail as a fact we could check: left empty.
    email: '',
    phone: '',
    lat: seat.lat,
    lon: seat.lon,
    address_is_demo: v ? '0' : '1',
    source: sources.join(' | '),
    note: notes.join('; '),
    _seat: seat,
    _served: l.served,
  };
});
libraryRows.sort((a, b) => collator(a.region_id, b.region_id) || Number(b.is_ook) - Number(a.is_ook) || collator(a.id, b.id));

for (const id of Object.keys(VERIFIED_ADDRESS)) check(libraryRows.some((l) => l.id === id), `verified address for unknown library ${id}`);
for (const id of Object.keys(CHECKS)) check(libraryRows.some((l) => l.id === id), `check for unknown library ${id}`);
for (const id of Object.keys(VERIFIED_WEBSITE)) check(libraryRows.some((l) => l.id === id), `verified website for unknown library ${id}`);
for (const [id, vh] of Object.entries(VERIFIED_HOURS)) {
  check(libraryRows.some((l) => l.id === id), `verified hours for unknown library ${id}`);
  for (const [d, intervals] of Object.entries(vh.days)) {
    check(/^[1-7]$/.test(d), `verified hours of ${id}: bad weekday ${d}`);
    let prev = '';
    for (const [o, c] of intervals) {
      check(/^([01]\d|2[0-3]):[0-5]\d$/.test(o) && /^([01]\d|2[0-3]):[0-5]\d$/.test(c), `verified hours of ${id}: bad time ${o}–${c}`);
      check(o < c && o >= prev, `verified hours of ${id}: intervals of weekday ${d} not increasing`);
      prev = c;
    }
  }
}
for (const r of regions) check(libraryRows.filter((l) => l.region_id === r.id && l.is_ook === '1').length === 1, `region ${r.id} must have exactly one OOK`);

// ---------------------------------------------------------------- service points and opening hours (DEMONSTRATION, except VERIFIED_HOURS)

const servicePoints = [];
const hours = [];
const BRANCH_PATTERNS = [[1, 3], [2, 4], [3, 5], [1, 4], [2, 5], [1, 3, 5], [2, 4, 5], [1, 2, 4], [1, 3, 4], [2, 3, 5]];
for (const l of libraryRows) {
  servicePoints.push({
    id: `${l.id}-central`,
    library_id: l.id,
    kind: 'central',
    name: l.name,
    address: l.address ? `${l.address}, ${l.postal_code} ${l.post_name}` : '',
    email: '',
    phone: '',
    settlement_id: l._seat.id,
    lat: l.lat,
    lon: l.lon,
    is_demo: l.address_is_demo,
    source:
      (l.address_is_demo === '0' ? 'libraries.csv (verified address; coordinates = settlement centre)' : 'demonstration') +
      (VERIFIED_HOURS[l.id] ? `; opening hours verified: ${VERIFIED_HOURS[l.id].url} (${VERIFIED_HOURS[l.id].stated})` : ''),
  });
  for (const code of l._served) {
    if (code === l.seat_municipality) continue;
    const m = obByCode.get(code);
    const s = seatSettlement(code);
    servicePoints.push({
      id: `${l.id}-${slug(m.OB_UIME)}`,
      library_id: l.id,
      kind: 'branch',
      name: `Krajevna knjižnica ${s.name}`,
      address: '',
      email: '',
      phone: '',
      settlement_id: s.id,
      lat: s.lat,
      lon: s.lon,
      is_demo: '1',
      source: 'demonstration',
    });
  }
  if (l.is_ook === '1') {
    servicePoints.push({
      id: `${l.id}-bibliobus`,
      library_id: l.id,
      kind: 'bibliobus',
      name: `Potujoča knjižnica (bibliobus) – ${l.short_name}`,
      address: '',
      email: '',
      phone: '',
      settlement_id: '',
      lat: '',
      lon: '',
      is_demo: '1',
      source: 'demonstration',
    });
  }
}
const kindOrder = { central: 0, branch: 1, bibliobus: 2 };
const libOrder = new Map(libraryRows.map((l, i) => [l.id, i]));
servicePoints.sort((a, b) => libOrder.get(a.library_id) - libOrder.get(b.library_id) || kindOrder[a.kind] - kindOrder[b.kind] || collator(a.id, b.id));
const spIds = new Set();
for (const sp of servicePoints) {
  if (spIds.has(sp.id)) fail(`duplicate service point id ${sp.id}`);
  spIds.add(sp.id);
}
for (const sp of servicePoints) {
  if (sp.kind === 'central' && VERIFIED_HOURS[sp.library_id]) {
    const days = VERIFIED_HOURS[sp.library_id].days;
    for (const d of Object.keys(days).sort()) {
      for (const [opens, closes] of days[d]) hours.push({ service_point_id: sp.id, weekday: d, opens, closes, is_demo: '0' });
    }
  } else if (sp.kind === 'central') {
    for (let d = 1; d <= 5; d++) hours.push({ service_point_id: sp.id, weekday: String(d), opens: '08:00', closes: '19:00', is_demo: '1' });
    hours.push({ service_point_id: sp.id, weekday: '6', opens: '08:00', closes: '13:00', is_demo: '1' });
  } else if (sp.kind === 'branch') {
    for (const d of BRANCH_PATTERNS[fnv1a(sp.id) % BRANCH_PATTERNS.length]) {
      hours.push({ service_point_id: sp.id, weekday: String(d), opens: '12:00', closes: '19:00', is_demo: '1' });
    }
  }
}

// ---------------------------------------------------------------- outline (simplified statistical regions)

function sqSegDist(p, a, b) {
  let x = a[0], y = a[1];
  let dx = b[0] - x, dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) { x = b[0]; y = b[1]; } else if (t > 0) { x += dx * t; y += dy * t; }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}
/** Iterative Douglas–Peucker on an open polyline. */
function douglasPeucker(points, tol) {
  const n = points.length;
  if (n <= 2) return points.slice();
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack = [[0, n - 1]];
  const tol2 = tol * tol;
  while (stack.length) {
    const [first, last] = stack.pop();
    let maxD = 0, idx = -1;
    for (let i = first + 1; i < last; i++) {
      const d = sqSegDist(points[i], points[first], points[last]);
      if (d > maxD) { maxD = d; idx = i; }
    }
    if (idx !== -1 && maxD > tol2) {
      keep[idx] = 1;
      stack.push([first, idx], [idx, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}
const r4 = (x) => Math.round(x * 1e4) / 1e4;
function simplifyRing(ring, tol) {
  // split the closed ring at the point farthest from its start so both halves keep their shape
  const start = ring[0];
  let far = 1, farD = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = (ring[i][0] - start[0]) ** 2 + (ring[i][1] - start[1]) ** 2;
    if (d > farD) { farD = d; far = i; }
  }
  const a = douglasPeucker(ring.slice(0, far + 1), tol);
  const b = douglasPeucker(ring.slice(far), tol);
  const out = [];
  for (const p of [...a, ...b.slice(1)]) {
    const q = [r4(p[0]), r4(p[1])];
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== q[0] || prev[1] !== q[1]) out.push(q);
  }
  if (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1]) out.push(out[0].slice());
  return out.length >= 4 ? out : null;
}
function buildOutline(tol) {
  const features = [...SR.features]
    .sort((a, b) => a.properties.SR_ID - b.properties.SR_ID)
    .map((f) => {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const outPolys = [];
      for (const poly of polys) {
        const rings = [];
        poly.forEach((ring, k) => {
          const s = simplifyRing(ring, tol);
          if (s) rings.push(s);
          else if (k === 0) fail(`outline: outer ring of ${f.properties.SR_UIME} collapsed`);
        });
        if (rings.length) outPolys.push(rings);
      }
      const geometry = outPolys.length === 1 ? { type: 'Polygon', coordinates: outPolys[0] } : { type: 'MultiPolygon', coordinates: outPolys };
      return { type: 'Feature', properties: { id: slug(f.properties.SR_UIME), name: f.properties.SR_UIME }, geometry };
    });
  return '{"type":"FeatureCollection","features":[\n' + features.map((f) => JSON.stringify(f)).join(',\n') + '\n]}\n';
}
const OUTLINE_LIMIT = 115 * 1024; // stay safely under 120 KB
let outline = null, outlineTol = null;
for (const tol of [0.0003, 0.0005, 0.0007, 0.001, 0.0015, 0.002, 0.003, 0.004]) {
  const text = buildOutline(tol);
  if (Buffer.byteLength(text, 'utf8') <= OUTLINE_LIMIT) { outline = text; outlineTol = tol; break; }
}
if (!outline) fail('outline: could not simplify under the size limit');
check(SR.features.length === 12, `SR: expected 12 regions, got ${SR.features.length}`);

// ---------------------------------------------------------------- network.json

const networkJson = {
  country: 'SI',
  name: { sl: 'Slovenija', en: 'Slovenia' },
  defaultLocale: 'sl',
  populationYear: POPULATION_YEAR,
  // Each credit and licence note in both languages: pages never show one language's text as the other's.
  attribution: [
    {
      name: { sl: 'Vir: GURS, Register prostorskih enot (CC BY 4.0)', en: 'Source: GURS, Register of Spatial Units (CC BY 4.0)' },
      licence: {
        sl: 'CC BY 4.0',
        en: 'CC BY 4.0',
      },
      url: 'https://ipi.eprostor.gov.si/jgp/data',
    },
    {
      name: { sl: 'Prebivalstvo občin (1. 1. 2021): Vir: SURS', en: 'Population of municipalities (1 Jan 2021): Source: SURS (Statistical Office of Slovenia)' },
      licence: {
        sl: 'SURS: prosta ponovna uporaba z navedbo vira (številke prevzete prek sledilnik/data)',
        en: 'SURS: free reuse with attribution (figures taken via sledilnik/data)',
      },
      url: 'https://www.stat.si/',
    },
    {
      name: { sl: 'Prebivalci naselij: SURS, prek Wikipedije (CC BY-SA 4.0)', en: 'Population of settlements: SURS, via Wikipedia (CC BY-SA 4.0)' },
      licence: {
        sl: 'CC BY-SA 4.0 (besedilo Wikipedije); številke SURS: prosta ponovna uporaba z navedbo vira; povezano s SamoFMF/Slovenia---Settlements-Post-Offices (MIT)',
        en: 'CC BY-SA 4.0 (Wikipedia text); SURS figures: free reuse with attribution; joined with SamoFMF/Slovenia---Settlements-Post-Offices (MIT)',
      },
      url: 'https://sl.wikipedia.org/wiki/Seznam_naselij_v_Sloveniji',
    },
    {
      name: { sl: 'Mreža splošnih knjižnic: NUK in spletne strani knjižnic', en: 'Network of public libraries: NUK (National and University Library) and the libraries’ websites' },
      licence: {
        sl: 'dejstva, zbrana z javnih strani (vir je naveden pri vsaki vrstici)',
        en: 'facts compiled from public pages (sources per row)',
      },
      url: 'https://www.nuk.uni-lj.si/nuk/ook',
    },
  ],
};

// ---------------------------------------------------------------- final checks and output

const required = {
  'regions.csv': [regions, ['id', 'name_sl', 'name_en', 'ook_library_id', 'source']],
  'libraries.csv': [libraryRows, ['id', 'name', 'short_name', 'region_id', 'is_ook', 'seat_municipality', 'lat', 'lon', 'address_is_demo', 'source']],
  'municipalities.csv': [municipalities, ['code', 'number', 'name', 'kind', 'population', 'population_year', 'area_km2', 'lat', 'lon', 'library_id', 'source']],
  'settlements.csv': [settlements, ['id', 'name', 'municipality_code', 'lat', 'lon', 'source']],
  'service-points.csv': [servicePoints, ['id', 'library_id', 'kind', 'name', 'is_demo', 'source']],
  'opening-hours.csv': [hours, ['service_point_id', 'weekday', 'opens', 'closes', 'is_demo']],
};
for (const [file, [rows, cols]] of Object.entries(required)) {
  rows.forEach((r, i) => cols.forEach((c) => check(r[c] !== '' && r[c] !== undefined, `${file}: row ${i + 2} has empty ${c}`)));
}
for (const sp of servicePoints) if (sp.kind !== 'bibliobus') check(sp.settlement_id && sp.lat && sp.lon, `service point ${sp.id} lacks location`);
check(libraryRows.length === 58, 'expected 58 libraries');
check(regions.length === 10, 'expected 10 regions');
check(municipalities.length === 212, 'expected 212 municipalities');
check(settlements.length === 6035, 'expected 6035 settlements');
check(new Set(municipalities.map((m) => m.code)).size === 212, 'municipality codes not unique');
for (const id of libraryRows.map((l) => l.id)) check(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id), `library id ${id} is not an ASCII slug`);

if (errors.length) {
  for (const e of errors) console.error(`build-network-data: ${e}`);
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'network.json'), JSON.stringify(networkJson, null, 2) + '\n', 'utf8');
const counts = {
  'regions.csv': writeCsv('regions.csv', ['id', 'name_sl', 'name_en', 'ook_library_id', 'source'], regions),
  'libraries.csv': writeCsv(
    'libraries.csv',
    ['id', 'name', 'former_name', 'short_name', 'region_id', 'is_ook', 'seat_municipality', 'address', 'postal_code', 'post_name', 'website', 'email', 'phone', 'lat', 'lon', 'address_is_demo', 'source', 'note'],
    libraryRows,
  ),
  'municipalities.csv': writeCsv(
    'municipalities.csv',
    ['code', 'number', 'name', 'name_alt', 'kind', 'population', 'population_year', 'area_km2', 'lat', 'lon', 'library_id', 'source'],
    municipalities,
  ),
  'settlements.csv': writeCsv('settlements.csv', ['id', 'name', 'name_alt', 'municipality_code', 'lat', 'lon', 'population', 'source'], settlements),
  'service-points.csv': writeCsv('service-points.csv', ['id', 'library_id', 'kind', 'name', 'address', 'email', 'phone', 'settlement_id', 'lat', 'lon', 'is_demo', 'source'], servicePoints),
  'opening-hours.csv': writeCsv('opening-hours.csv', ['service_point_id', 'weekday', 'opens', 'closes', 'is_demo'], hours),
};
writeFileSync(join(outDir, 'outline.geojson'), outline, 'utf8');

console.log(`wrote ${outDir}`);
for (const [f, n] of Object.entries(counts)) console.log(`  ${f}: ${n} rows`);
console.log(`  outline.geojson: ${Buffer.byteLength(outline)} bytes (Douglas–Peucker tolerance ${outlineTol}°)`);
console.log(`  population ${POPULATION_YEAR}: ${popSum} (municipalities) = ${settlementPopSum} (settlements)`);
const byRegion = regions.map((r) => `${r.id} ${libraryRows.filter((l) => l.region_id === r.id).length}/${municipalities.filter((m) => libraryRows.find((l) => l.id === m.library_id).region_id === r.id).length}`);
console.log(`  libraries/municipalities per region: ${byRegion.join(', ')}`);
