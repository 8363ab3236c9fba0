import type { Db } from '../../db/database.js';
import * as q from './queries.js';

/** The topics a fresh installation starts with; the admin renames them and adds more on /admin/practice-topics. */
export const defaultTopics = [
  { id: 'reading', name_sl: 'Spodbujanje branja', name_en: 'Reading promotion', sort: 10 },
  { id: 'digital', name_sl: 'Digitalna pismenost', name_en: 'Digital literacy', sort: 20 },
  { id: 'community', name_sl: 'Skupnost in prostovoljstvo', name_en: 'Community and volunteering', sort: 30 },
  { id: 'inclusion', name_sl: 'Vključevanje in dostopnost', name_en: 'Inclusion and accessibility', sort: 40 },
  { id: 'heritage', name_sl: 'Domoznanstvo in dediščina', name_en: 'Local studies and heritage', sort: 50 },
  { id: 'learning', name_sl: 'Vseživljenjsko učenje', name_en: 'Lifelong learning', sort: 60 },
  { id: 'green', name_sl: 'Trajnostni razvoj', name_en: 'Sustainability', sort: 70 },
  { id: 'health', name_sl: 'Zdravje in dobro počutje', name_en: 'Health and wellbeing', sort: 80 },
  { id: 'management', name_sl: 'Organizacija in upravljanje', name_en: 'Organisation and management', sort: 90 },
] as const;

/** Stores the default topics when the list is empty (a first start). */
export async function ensureDefaultTopics(db: Db): Promise<void> {
  if ((await q.listTopics(db)).length > 0) return;
  for (const topic of defaultTopics) await q.upsertTopic(db, { ...topic });
}
