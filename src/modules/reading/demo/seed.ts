// The demonstration reading programme: a made-up programme of the Koper region over the current season,
// its reading list picked from the demonstration catalog (classic Slovenian prose and poetry), and made-up
// readers (is_demo = 1, names "… (prikaz)") who logged books, some of them to completion. Loaded through
// the module's own service, so it is valid data; every page that shows it says it is demonstration content.
import type { Db, Dialect } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { searchCatalogTitles } from '../../catalog/index.js';
import { listLibraryRefs } from '../../network/index.js';
import { hasDemoProgramme } from '../queries.js';
import { addListItem, createProgramme, logBook, registerReader } from '../service.js';

const demoUser: CurrentUser = { id: 0, email: 'demo', name: 'demo', role: 'admin', regionId: null, libraryId: null, partnerName: null };
const prose = ['author:Cankar', 'author:Jurčič', 'author:Tavčar', 'author:Bevk', 'author:Kersnik', 'author:Levstik'];
const poetry = ['author:Prešeren', 'author:Kosovel', 'author:Gregorčič'];
const readers = ['Ana Novak', 'Boris Kovač', 'Cvetka Horvat', 'Darko Zupan', 'Eva Kralj', 'Franc Vidmar', 'Gaja Potočnik', 'Hana Kos', 'Igor Golob', 'Jana Mlakar'];

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Makes the demonstration programme when there is none and the catalog has its works; the number of readers made. */
export async function seedDemoReading(deps: { db: Db; dialect: Dialect }): Promise<number> {
  const { db } = deps;
  if (await hasDemoProgramme(db)) return 0;
  const pick = async (queries: string[]) => {
    const ids: number[] = [];
    for (const query of queries) {
      const hit = (await searchCatalogTitles(deps, query, 1))[0];
      if (hit && !ids.includes(hit.entryId)) ids.push(hit.entryId);
    }
    return ids;
  };
  const [proseIds, poetryIds] = [await pick(prose), await pick(poetry)];
  if (proseIds.length < 5 || poetryIds.length < 1) return 0;
  const libraries = (await listLibraryRefs(db, { regionId: 'koper' })).map((l) => l.id);
  if (libraries.length === 0) return 0;
  const programmeId = await createProgramme(db, demoUser, {
    regionId: 'koper',
    name: 'Primorska bralna značka za odrasle (prikaz)',
    description: 'Izmišljen program za prikaz: preberite pet proznih del in eno pesniško zbirko s seznama.',
    seasonFrom: dayOffset(-150).slice(0, 10),
    seasonTo: dayOffset(120).slice(0, 10),
    libraryIds: libraries,
    rules: { prose: 5, poetry: 1 },
    isDemo: true,
  });
  const items: number[] = [];
  for (const entryId of proseIds) items.push(await addListItem(db, demoUser, programmeId, { entryId, category: 'prose', formats: ['print', 'ebook'] }));
  for (const entryId of poetryIds) items.push(await addListItem(db, demoUser, programmeId, { entryId, category: 'poetry', formats: ['print', 'audiobook'] }));
  for (const [n, name] of readers.entries()) {
    const libraryId = n % 3 === 2 ? null : libraries[n % libraries.length]!;
    const { readerId } = await registerReader(db, null, { programmeId, name: `${name} (prikaz)`, contact: `bralec${n + 1}@example.invalid`, consent: true, libraryId, isDemo: true });
    // Reader n reads (10 - n) books of the list, in list order but poetry first for every other reader.
    const order = n % 2 === 0 ? [...items].reverse() : items;
    for (const [k, itemId] of order.slice(0, Math.max(1, items.length - n)).entries()) {
      await logBook(db, { demo: true }, { readerId, itemId, format: 'print', libraryId, at: dayOffset(-140 + n * 5 + k * 9) });
    }
  }
  return readers.length;
}
