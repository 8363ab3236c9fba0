import type { Db } from '../db/database.js';
import { fundingFieldName, hoursFieldName } from '../modules/stats/collect/rules.js';
import { demoFigures } from '../modules/stats/demo/generate.js';
import { getLibraryScope } from '../modules/stats/queries.js';

/** A complete, consistent statistics form for a library and year (from the demonstration generator), with Slovenian decimal commas. */
export async function completeStatsForm(db: Db, libraryId: string, year: number): Promise<Record<string, string>> {
  const scope = (await getLibraryScope(db, libraryId))!;
  const figures = demoFigures({ id: libraryId, municipalities: scope.municipalities, servicePoints: scope.servicePoints }, year);
  const form: Record<string, string> = {};
  for (const [k, v] of Object.entries(figures.values)) form[k] = String(v).replace('.', ',');
  for (const [k, v] of Object.entries(figures.municipalityFunding)) form[fundingFieldName(k)] = String(v).replace('.', ',');
  for (const [k, v] of Object.entries(figures.servicePointHours)) form[hoursFieldName(Number(k))] = String(v);
  return form;
}
