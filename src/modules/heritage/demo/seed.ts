import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { listSettlementRefs } from '../../network/index.js';
import { hasAnyCollection } from '../queries.js';
import { createCollection, createItem, createPerson, transition, type DcValue } from '../service.js';

// Demonstration content: made-up collections, items and clearly fictional lexicon persons (no real biographies),
// ids and titles marked `demo-` / is_demo = 1 and labelled on every page. Loaded through the service, so it is valid data.

const seeder: CurrentUser = { id: 0, email: 'demo-seed', name: 'Demonstration data', role: 'admin', regionId: null, libraryId: null, partnerName: null };

const dc = (pairs: [DcValue['element'], string, string | null][]): DcValue[] => pairs.map(([element, value, lang]) => ({ element, value, lang }));

/** Loads the demonstration heritage once (when there is no collection yet); returns how many records it made. */
export async function seedDemoHeritage(db: Db): Promise<number> {
  if (await hasAnyCollection(db)) return 0;
  const place = async (name: string, municipality: string) => (await listSettlementRefs(db, { q: name, limit: 50 })).find((s) => s.name === name && s.municipality_name === municipality)?.id;
  const kranj = await place('Kranj', 'Kranj');
  const bled = await place('Bled', 'Bled');
  const loka = await place('Škofja Loka', 'Škofja Loka');
  const celje = await place('Celje', 'Celje');
  const ids = (...xs: (number | undefined)[]) => xs.filter((x): x is number => x !== undefined);
  await createCollection(db, null, { id: 'demo-razglednice-gorenjske', regionId: 'kranj', titleSl: 'Demo: Razglednice Gorenjske', titleEn: 'Demo: Postcards of Gorenjska', description: 'Izmišljena zbirka za predstavitev. / A made-up collection for demonstration.', isDemo: true });
  await createCollection(db, null, { id: 'demo-celjski-spomini', regionId: 'celje', titleSl: 'Demo: Celjski spomini', titleEn: 'Demo: Memories of Celje', description: 'Izmišljena zbirka za predstavitev. / A made-up collection for demonstration.', isDemo: true });
  let made = 0;
  const publish = async (kind: 'item' | 'person', id: number) => {
    await transition(db, seeder, kind, id, 'submit');
    await transition(db, seeder, kind, id, 'publish');
    made++;
  };
  const items: [string, string, string, string, number[], [DcValue['element'], string, string | null][]][] = [
    ['demo-razglednice-gorenjske', 'Image', 'PDM-1.0', 'ok. 1905', ids(kranj), [['title', 'Demo: Glavni trg v Kranju', 'sl'], ['title', 'Demo: The main square of Kranj', 'en'], ['subject', 'trgi; mestna jedra', 'sl'], ['description', 'Izmišljena razglednica za predstavitev portala.', 'sl'], ['creator', 'Neznani fotograf (izmišljeno)', null], ['publisher', 'Demo založba', 'sl'], ['format', 'razglednica, 9 × 14 cm', 'sl'], ['language', 'sl', null]]],
    ['demo-razglednice-gorenjske', 'Image', 'CC-BY-4.0', '1920–1930', ids(bled), [['title', 'Demo: Jezero z otokom', 'sl'], ['title', 'Demo: The lake with its island', 'en'], ['subject', 'jezera; turizem', 'sl'], ['coverage', 'Bled, 1920-ih', 'sl']]],
    ['demo-razglednice-gorenjske', 'Text', 'InC', '1958', ids(loka), [['title', 'Demo: Vabilo na knjižnični večer', 'sl'], ['subject', 'knjižnice; prireditve', 'sl'], ['type', 'vabilo', 'sl']]],
    ['demo-celjski-spomini', 'Sound', 'CC-BY-SA-4.0', '1975', ids(celje), [['title', 'Demo: Pripoved o starem mestu', 'sl'], ['title', 'Demo: A tale of the old town', 'en'], ['subject', 'ustno izročilo', 'sl']]],
  ];
  for (const [collectionId, type, licence, dateText, settlementIds, values] of items) {
    const id = await createItem(db, null, { collectionId, type, licence, dateText, settlementIds, values: dc(values), isDemo: true });
    await publish('item', id);
  }
  const first = await createPerson(db, null, {
    regionId: 'kranj',
    name: 'Demo: Marjeta Izmišljena',
    nameVariants: ['Meta Izmišljena'],
    birthText: '1898',
    birthSettlementId: kranj ?? null,
    deathText: 'ok. 1975',
    deathSettlementId: bled ?? null,
    biography: 'Izmišljena oseba za predstavitev leksikona. Bila naj bi **učiteljica** in zbiralka razglednic.\n\nA fictional person, made up to show the lexicon.',
    occupations: ['učiteljica', 'zbiralka'],
    sources: ['Izmišljeni vir za predstavitev (demo)'],
    works: [{ catalogEntryId: null, itemId: null, title: 'Demo: Moje razglednice' }],
    related: [],
    isDemo: true,
  });
  await publish('person', first);
  const second = await createPerson(db, null, {
    regionId: 'kranj',
    name: 'Demo: Tone Namišljeni',
    nameVariants: [],
    birthText: '1920-ih',
    birthSettlementId: loka ?? null,
    deathText: null,
    deathSettlementId: null,
    biography: 'Izmišljen fotograf, nečak Marjete Izmišljene. A fictional photographer.',
    occupations: ['fotograf'],
    sources: ['Izmišljeni vir za predstavitev (demo)'],
    works: [],
    related: [{ personId: first, note: null }],
    isDemo: true,
  });
  await publish('person', second);
  const third = await createPerson(db, null, {
    regionId: 'celje',
    name: 'Demo: Ivana Izmišljena',
    nameVariants: [],
    birthText: '19. stoletje',
    birthSettlementId: celje ?? null,
    deathText: null,
    deathSettlementId: null,
    biography: 'Izmišljena pripovedovalka. A fictional storyteller.',
    occupations: ['pripovedovalka'],
    sources: ['Izmišljeni vir za predstavitev (demo)'],
    works: [],
    related: [],
    isDemo: true,
  });
  await publish('person', third);
  return made;
}
