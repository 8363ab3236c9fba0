// Demonstration content: a dozen made-up practices of real libraries, with adoptions, all marked
// is_demo = 1 and shown with the demonstration badge. Loaded through the module's own service,
// so it is valid data; only into an empty module.
import type { Actor } from '../../../audit/audit-log.js';
import type { Db } from '../../../db/database.js';
import * as q from '../queries.js';
import { ensureDefaultTopics } from '../topics.js';
import { practiceById, publishDemo, writeAdoption, writePractice, type PracticeInput } from '../service.js';

const demoActor: Actor = { id: null, email: 'demo' };

interface DemoPractice {
  library: string;
  input: PracticeInput;
  published: string;
  adoptions: { library: string; on: string; changes: string; indicator: string; unit: string; before: string; after: string; afterDate: string }[];
}

const r = (indicator: string, unit: string, before: string, beforeDate: string, after: string, afterDate: string) => ({ indicator, unit, before, before_date: beforeDate, after, after_date: afterDate });

const practices: DemoPractice[] = [
  {
    library: 'kranj',
    published: '2023-03-01T09:00:00.000Z',
    input: { title: 'Bralni nahrbtniki za družine', language: 'sl', problem: 'Družine z majhnimi otroki si knjige izposojajo redko.', actions: 'Pripravili smo 40 nahrbtnikov s petimi slikanicami in igro; izposoja za tri tedne.', cost_band: 'low', effort: 'medium', year: '2022', topics: ['reading'], groups: ['families', 'children'], partners: 'Vrtci Kranj', results: [r('Izposoja slikanic', 'izposoj na leto', '3100', '2021-12-31', '4650', '2022-12-31')] },
    adoptions: [
      { library: 'jesenice', on: '2023-09-01', changes: 'Nahrbtniki tudi v slovenščini in bosanščini.', indicator: 'Izposojeni nahrbtniki', unit: 'izposoj', before: '0', after: '310', afterDate: '2024-06-30' },
      { library: 'celje', on: '2024-01-15', changes: 'Dodali smo zvočne knjige.', indicator: 'Nove družine članice', unit: 'družin', before: '0', after: '85', afterDate: '2024-12-31' },
      { library: 'koper', on: '2024-04-01', changes: 'Dvojezični nahrbtniki (slovenščina, italijanščina).', indicator: 'Izposojeni nahrbtniki', unit: 'izposoj', before: '0', after: '190', afterDate: '2024-12-31' },
    ],
  },
  {
    library: 'ljubljana',
    published: '2023-05-10T09:00:00.000Z',
    input: { title: 'Digitalne urice za starejše', language: 'sl', problem: 'Starejši ne znajo uporabljati e-uprave in e-knjig.', actions: 'Tedenske urice ena na ena s prostovoljci dijaki.', cost_band: 'none', effort: 'medium', year: '2022', topics: ['digital', 'learning'], groups: ['seniors'], results: [r('Udeleženci', 'oseb', '0', '2021-12-31', '412', '2022-12-31')] },
    adoptions: [
      { library: 'domzale', on: '2023-10-02', changes: 'Urice ob sobotah dopoldne.', indicator: 'Udeleženci', unit: 'oseb', before: '0', after: '96', afterDate: '2024-06-30' },
      { library: 'maribor', on: '2024-02-05', changes: 'Sodelovanje z univerzo za tretje življenjsko obdobje.', indicator: 'Udeleženci', unit: 'oseb', before: '0', after: '230', afterDate: '2024-12-31' },
    ],
  },
  {
    library: 'maribor',
    published: '2023-06-20T09:00:00.000Z',
    input: { title: 'Knjižnica stvari', language: 'sl', problem: 'Prebivalci kupujejo orodje, ki ga redko uporabijo.', actions: 'Izposoja orodja, športne opreme in glasbil s katalogom v COBISS.', cost_band: 'medium', effort: 'high', year: '2023', topics: ['green', 'community'], groups: ['adults', 'families'], results: [r('Izposoje predmetov', 'izposoj', '0', '2022-12-31', '1280', '2023-12-31')] },
    adoptions: [{ library: 'ptuj', on: '2024-03-01', changes: 'Začeli z vrtnim orodjem.', indicator: 'Izposoje predmetov', unit: 'izposoj', before: '0', after: '340', afterDate: '2024-12-31' }],
  },
  {
    library: 'celje',
    published: '2023-09-05T09:00:00.000Z',
    input: { title: 'Bralni klub v lahkem branju', language: 'sl', problem: 'Osebe z motnjami v duševnem razvoju nimajo prilagojenega gradiva.', actions: 'Mesečni bralni klub z gradivom v lahkem branju in sodelovanjem VDC.', cost_band: 'low', effort: 'low', year: '2023', topics: ['inclusion', 'reading'], groups: ['disabilities'], results: [r('Člani kluba', 'oseb', '0', '2022-12-31', '24', '2023-12-31')] },
    adoptions: [{ library: 'novo-mesto', on: '2024-02-01', changes: 'Srečanja v enoti na podeželju.', indicator: 'Člani kluba', unit: 'oseb', before: '0', after: '15', afterDate: '2024-12-31' }],
  },
  {
    library: 'koper',
    published: '2023-11-12T09:00:00.000Z',
    input: { title: 'Domoznanski večeri s pričevalci', language: 'sl', problem: 'Spomini starejših krajanov se izgubljajo.', actions: 'Posnetki pogovorov s pričevalci, objavljeni na Kamri.', cost_band: 'low', effort: 'medium', year: '2023', topics: ['heritage'], groups: ['adults', 'seniors'], results: [r('Posnetih pričevanj', 'posnetkov', '0', '2022-12-31', '36', '2023-12-31')] },
    adoptions: [{ library: 'nova-gorica', on: '2024-05-01', changes: 'Pričevanja o meji in tihotapljenju.', indicator: 'Posnetih pričevanj', unit: 'posnetkov', before: '0', after: '18', afterDate: '2024-12-31' }],
  },
  {
    library: 'novo-mesto',
    published: '2024-01-20T09:00:00.000Z',
    input: { title: 'Makerspace za mlade', language: 'sl', problem: 'Mladi knjižnico obiskujejo le za študij.', actions: '3D-tiskalnik, Arduino in mentorji ob petkih popoldne.', cost_band: 'high', effort: 'high', year: '2023', topics: ['digital', 'learning'], groups: ['youth'], results: [r('Obiski mladih', 'obiskov na mesec', '120', '2022-12-31', '410', '2023-12-31')] },
    adoptions: [],
  },
  {
    library: 'murska-sobota',
    published: '2024-02-14T09:00:00.000Z',
    input: { title: 'Library welcome kits for Roma families', language: 'en', problem: 'Roma families in the area rarely become members.', actions: 'Welcome kits with picture books in Romani and Slovenian, delivered with Roma assistants.', cost_band: 'low', effort: 'medium', year: '2023', topics: ['inclusion', 'reading'], groups: ['minorities', 'families'], results: [r('New members from Roma settlements', 'members', '4', '2022-12-31', '61', '2023-12-31')] },
    adoptions: [{ library: 'novo-mesto', on: '2024-06-01', changes: 'Kits handed out at the community centre.', indicator: 'New members', unit: 'members', before: '2', after: '29', afterDate: '2024-12-31' }],
  },
  {
    library: 'ptuj',
    published: '2024-03-30T09:00:00.000Z',
    input: { title: 'Knjižnica na tržnici', language: 'sl', problem: 'Na podeželju je izposojevališče daleč.', actions: 'Ob sobotah stojnica s knjigami na tedenski tržnici.', cost_band: 'low', effort: 'low', year: '2024', topics: ['community', 'reading'], groups: ['adults', 'seniors'], results: [r('Izposoje na stojnici', 'izposoj', '0', '2023-12-31', '870', '2024-09-30')] },
    adoptions: [{ library: 'ravne-na-koroskem', on: '2024-07-06', changes: 'Stojnica tudi na poletnih prireditvah.', indicator: 'Izposoje na stojnici', unit: 'izposoj', before: '0', after: '260', afterDate: '2024-12-31' }],
  },
  {
    library: 'nova-gorica',
    published: '2024-04-18T09:00:00.000Z',
    input: { title: 'Učna pomoč v knjižnici', language: 'sl', problem: 'Otroci priseljencev potrebujejo pomoč pri domačih nalogah.', actions: 'Prostovoljci študenti dvakrat tedensko v čitalnici.', cost_band: 'none', effort: 'medium', year: '2023', topics: ['learning', 'inclusion'], groups: ['children', 'minorities', 'schools'], results: [r('Otroci v programu', 'otrok', '0', '2022-12-31', '48', '2023-12-31')] },
    adoptions: [
      { library: 'koper', on: '2024-09-02', changes: 'Tudi za dijake.', indicator: 'Otroci v programu', unit: 'otrok', before: '0', after: '31', afterDate: '2024-12-31' },
      { library: 'kranj', on: '2024-10-01', changes: 'Sodelovanje s CSD.', indicator: 'Otroci v programu', unit: 'otrok', before: '0', after: '22', afterDate: '2024-12-31' },
    ],
  },
  {
    library: 'ravne-na-koroskem',
    published: '2024-05-22T09:00:00.000Z',
    input: { title: 'Gibanje z zgodbo', language: 'sl', problem: 'Predšolski otroci preveč sedijo.', actions: 'Pravljične ure na prostem z gibalnimi igrami.', cost_band: 'none', effort: 'low', year: '2024', topics: ['health', 'reading'], groups: ['children', 'families'], results: [r('Udeleženci pravljičnih ur', 'otrok', '210', '2023-12-31', '380', '2024-09-30')] },
    adoptions: [],
  },
  {
    library: 'domzale',
    published: '2024-06-10T09:00:00.000Z',
    input: { title: 'Kavarna za iskalce zaposlitve', language: 'sl', problem: 'Brezposelni ne poznajo spletnih portalov za zaposlitev.', actions: 'Tedenska srečanja z Zavodom za zaposlovanje, pomoč pri življenjepisu.', cost_band: 'low', effort: 'medium', year: '2024', topics: ['learning', 'digital'], groups: ['unemployed', 'adults'], results: [r('Udeleženci', 'oseb', '0', '2023-12-31', '74', '2024-12-31')] },
    adoptions: [{ library: 'ljubljana', on: '2024-11-04', changes: 'V treh enotah hkrati.', indicator: 'Udeleženci', unit: 'oseb', before: '0', after: '58', afterDate: '2025-03-31' }],
  },
  {
    library: 'jesenice',
    published: '2024-08-01T09:00:00.000Z',
    input: { title: 'Zeleni kotiček s semenoteko', language: 'sl', problem: 'Vrtičkarji iščejo avtohtona semena.', actions: 'Semenoteka ob knjigah o vrtnarjenju, izmenjava semen spomladi.', cost_band: 'none', effort: 'low', year: '2024', topics: ['green', 'community'], groups: ['adults', 'seniors'], results: [r('Izposojene vrečke semen', 'vrečk', '0', '2023-12-31', '540', '2024-10-31')] },
    adoptions: [{ library: 'radovljica', on: '2025-03-01', changes: 'Semena zelišč in delavnice.', indicator: 'Izposojene vrečke semen', unit: 'vrečk', before: '0', after: '220', afterDate: '2025-06-30' }],
  },
];

/** Fills an empty module with the demonstration practices and their adoptions; returns how many practices it made. */
export async function seedDemoPractices(db: Db): Promise<number> {
  if (await q.anyPractice(db)) return 0;
  await ensureDefaultTopics(db);
  let made = 0;
  for (const d of practices) {
    const id = await writePractice(db, demoActor, d.library, d.input, { isDemo: true });
    await publishDemo(db, id, d.published);
    const p = await practiceById(db, id);
    for (const a of d.adoptions) {
      await writeAdoption(
        db,
        demoActor,
        p,
        a.library,
        { adopted_on: a.on, changes: a.changes, results: [{ indicator: a.indicator, unit: a.unit, before: a.before, before_date: a.on, after: a.after, after_date: a.afterDate }] },
        { isDemo: true },
      );
    }
    made++;
  }
  return made;
}
