import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../../../config.js';
import type { Db } from '../../../db/database.js';
import { createTranslators, isLocale, loadMessages } from '../../../web/i18n.js';
import { networkForStandards } from '../compliance/service.js';
import type { GetStatValues } from '../standards/source.js';
import { renderReportPdf } from './pdf.js';
import { findMunicipality, municipalityReport } from './service.js';

export const reportUsage = `mreza report municipality <ISO code or name> [--year YYYY] [--lang sl|en] [--out FILE.pdf]
                           [--profile ID [--version N]]
  Writes the municipality report as PDF (published figures only). Without --year: the newest year
  that (nearly) every library has published.`;

/**
 * `mreza report municipality SI-052 --year 2024 --lang sl --out report.pdf`: finds the municipality by
 * ISO code or name (several matches are listed, nothing is written), and writes the PDF. Returns the exit code.
 */
export async function runReportCommand(db: Db, args: string[], out: (line: string) => void, getStatValues: GetStatValues, timeZone = 'UTC', publicUrl?: string): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'municipality') {
    out(reportUsage);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { year: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' }, profile: { type: 'string' }, version: { type: 'string' } },
    });
  } catch (error) {
    out(`${(error as Error).message}\n${reportUsage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const query = positionals.join(' ').trim();
  const lang = values.lang ?? 'sl';
  const year = values.year === undefined ? undefined : Number(values.year);
  if (!query || !isLocale(lang) || (year !== undefined && !Number.isInteger(year)) || (values.version !== undefined && !/^\d+$/.test(values.version))) {
    out(reportUsage);
    return 2;
  }
  const network = await networkForStandards(db);
  const found = findMunicipality(network, query);
  if (found.length === 0) {
    out(`No municipality matches "${query}".`);
    return 1;
  }
  if (found.length > 1) {
    out(`"${query}" matches ${found.length} municipalities; name one by its ISO code:`);
    for (const m of found) out(`  ${m.id}  ${m.name}`);
    return 1;
  }
  const municipality = found[0]!;
  const profile = values.profile ? { id: values.profile, ...(values.version ? { version: Number(values.version) } : {}) } : undefined;
  const { report, years } = await municipalityReport({ db, getStatValues }, null, municipality.id, year, profile ? { profile } : {});
  if (!report) {
    out(years.length === 0 ? `${municipality.name} (${municipality.id}): no published figures of its library.` : `${municipality.name}: no published figures for ${year}; years with figures: ${years.join(', ')}.`);
    return 1;
  }
  const translator = createTranslators(loadMessages(path.join(projectRoot, 'locales')), timeZone)[lang];
  const pdf = await renderReportPdf({ t: translator.t, i18n: translator, locale: lang }, report, publicUrl ? { publicUrl } : {});
  const file = path.resolve(values.out ?? `report-${municipality.id}-${report.year}-${lang}.pdf`);
  fs.writeFileSync(file, pdf);
  out(`Wrote ${file}: ${municipality.name} (${municipality.id}), ${report.year}, ${lang}${report.profile ? `, ${report.profile.profile.id} version ${report.profile.version}` : ''}.`);
  return 0;
}
