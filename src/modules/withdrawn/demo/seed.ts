// Demonstration offers of withdrawn material, made up and marked (is_demo = 1, titles "Demo: …"), loaded
// through the module's own service so they are valid data: an open offer of a Gorenjska library with catalog
// copies and a CSV list (one local-studies item), with a claim waiting; and a closed offer of last month in the
// Celje area, decided, partly passed on and partly discarded, so the account has figures.
import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { demoControlPrefix, findLibraryCopies, searchLibraryEntries } from '../../catalog/index.js';
import * as q from '../queries.js';
import { addDays, claimItem, closeOffer, confirmOffer, createOffer, markCollected } from '../service.js';

/** A made-up person acting for a library (no account: nobody is notified, nothing points to a user). */
const persona = (libraryId: string): CurrentUser => ({ id: 0, email: 'demo', name: 'Demo', role: 'librarian', regionId: null, libraryId, partnerName: null });
const system: CurrentUser = { id: 0, email: 'demo', name: 'Demo', role: 'admin', regionId: null, libraryId: null, partnerName: null };

/** Loads the demonstration offers when no offer is stored and the demonstration catalog is; returns how many it made. */
export async function seedDemoWithdrawn(db: Db, now = new Date()): Promise<number> {
  if ((await q.listOffers(db, { limit: 1, offset: 0 })).total > 0) return 0;
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  // Only beside the demonstration catalog: a real catalog gets no made-up offers.
  const picks = async (libraryId: string) => {
    const ids = (await searchLibraryEntries(db, libraryId, 'a', 3)).map((e) => e.entryId);
    const copies = await findLibraryCopies(db, libraryId, { entryIds: ids });
    return copies.filter((c) => c.controlNumber.startsWith(demoControlPrefix)).map((c) => c.entryId);
  };
  if ((await picks('jesenice')).length === 0) return 0;

  const open = await createOffer(
    db,
    null,
    {
      libraryId: 'jesenice',
      title: 'Demo: Odpis Občinske knjižnice Jesenice',
      pickupPlace: 'Trg Toneta Čufarja 4, Jesenice (izposoja)',
      note: 'Demonstracijska ponudba / a demonstration offer.',
      opensOn: iso(day(-5)),
      closesOn: addDays(iso(day(-5)), 30),
      entryIds: await picks('jesenice'),
      csv: 'naslov;avtor;leto;izvodi;stanje;kraj\nKranjski zbornik 1975;;1975;1;obrabljeno;Kranj\nPlaninski vestnik, letnik 1960;;1960;2;dobro;\nZgodbe iz Zgornjesavske doline;Demo, Avtor;1988;1;dobro;Kranjska Gora\n',
      isDemo: true,
    },
    day(-5),
  );
  const openItems = await q.listItems(db, open);
  if (openItems[0]) await claimItem(db, persona('ljubljana'), openItems[0].id, 1, day(-3));

  const past = await createOffer(
    db,
    null,
    {
      libraryId: 'lasko',
      title: 'Demo: Odpis Knjižnice Laško',
      pickupPlace: 'Knjižnica Laško, po dogovoru',
      opensOn: iso(day(-60)),
      closesOn: iso(day(-30)),
      entryIds: await picks('lasko'),
      csv: 'title;copies;condition\nDemo Atlas sveta;3;worn\nDemo Slovar slovenskega jezika;2;good\n',
      isDemo: true,
    },
    day(-60),
  );
  const pastItems = await q.listItems(db, past);
  const claims: number[] = [];
  for (const [i, item] of pastItems.entries()) {
    claims.push(await claimItem(db, persona(i % 2 === 0 ? 'celje' : 'maribor'), item.id, 1, day(-55 + i)));
  }
  await confirmOffer(db, system, past, 'Prevzem v torek od 9. do 12. ure / collect on Tuesday, 9–12', day(-29));
  for (const id of claims.slice(0, Math.max(1, claims.length - 1))) {
    const claim = await q.getClaim(db, id);
    if (claim?.status === 'granted') await markCollected(db, system, id, day(-25));
  }
  await closeOffer(db, system, past, day(-20));
  return 2;
}
