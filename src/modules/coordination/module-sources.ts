import { heritageYearFigures } from '../heritage/index.js';
import { loanYearFigures } from '../loans/index.js';
import { listLibraryRefs } from '../network/index.js';
import { travelStats } from '../practice/index.js';
import { readingYearFigures } from '../reading/index.js';
import { trainingYearFigures } from '../training/index.js';
import { accountRows } from '../withdrawn/index.js';
import type { AnnualReportSource, ReportFigure } from './sources.js';

// The report sources of the other modules. Each reads its module ONLY through that module's index.ts (a
// small year-and-area query each module exports for this); the imports run one way: coordination knows
// them, none of them knows coordination. app.ts passes `moduleReportSources` to registerCoordination.

const fig = (source: string, key: string, value: number, demo: boolean, unit: ReportFigure['unit'] = 'count'): ReportFigure => ({
  key,
  labelKey: `coordination.source.${source}.${key}`,
  value,
  unit,
  demo,
});

/** Task 2 (professional help): sessions of the area's courses held in the year, participants from the area and their hours. */
export const trainingSource: AnnualReportSource = {
  key: 'training',
  task: 'help',
  async figures(db, scope) {
    const t = await trainingYearFigures(db, scope);
    return [fig('training', 'sessions', t.sessions, t.demo), fig('training', 'participants', t.participants, t.demo), fig('training', 'hours', t.hours, t.demo, 'hours')];
  },
};

/** Coordination and joint projects: practices the area's libraries published in the year and adoptions involving them. */
export const practiceSource: AnnualReportSource = {
  key: 'practice',
  task: 'joint',
  async figures(db, scope) {
    const stats = await travelStats(db, { regionId: scope.regionId });
    const y = stats.years.find((r) => r.year === scope.year);
    return [fig('practice', 'published', y?.published ?? 0, false), fig('practice', 'adoptions', y?.adoptions ?? 0, false)];
  },
};

/** Task 1 (the larger choice): interlibrary loans of the area's libraries in the year, within the area and across. */
export const loansSource: AnnualReportSource = {
  key: 'loans',
  task: 'choice',
  async figures(db, scope) {
    const libraries = await listLibraryRefs(db, { regionId: scope.regionId });
    const l = await loanYearFigures(db, { libraryIds: libraries.map((x) => x.id), year: scope.year });
    return [
      fig('loans', 'made', l.made, l.demo),
      fig('loans', 'supplied', l.supplied, l.demo),
      fig('loans', 'suppliedWithin', l.suppliedWithin, l.demo),
      fig('loans', 'suppliedAcross', l.suppliedAcross, l.demo),
    ];
  },
};

/** Task 3 (local studies): heritage items and lexicon persons of the area published in the year. */
export const heritageSource: AnnualReportSource = {
  key: 'heritage',
  task: 'local',
  async figures(db, scope) {
    const h = await heritageYearFigures(db, scope);
    return [fig('heritage', 'items', h.items, h.demo), fig('heritage', 'persons', h.persons, h.demo)];
  },
};

/** Task 4 (withdrawn material): copies the area's libraries offered in the year, claimed, passed on and discarded. */
export const withdrawnSource: AnnualReportSource = {
  key: 'withdrawn',
  task: 'withdrawn',
  async figures(db, scope) {
    const rows = await accountRows(db, { year: scope.year, regionId: scope.regionId });
    const sum = (k: 'offered' | 'claimed' | 'passed_on' | 'discarded') => rows.reduce((s, r) => s + Number(r[k] ?? 0), 0);
    return [
      fig('withdrawn', 'offered', sum('offered'), false),
      fig('withdrawn', 'claimed', sum('claimed'), false),
      fig('withdrawn', 'passedOn', sum('passed_on'), false),
      fig('withdrawn', 'discarded', sum('discarded'), false),
    ];
  },
};

/** Coordination and joint projects: the area's reading programmes — readers registered, books logged, completions in the year. */
export const readingSource: AnnualReportSource = {
  key: 'reading',
  task: 'joint',
  async figures(db, scope) {
    const r = await readingYearFigures(db, scope);
    return [fig('reading', 'readers', r.readers, r.demo), fig('reading', 'books', r.books, r.demo), fig('reading', 'completions', r.completions, r.demo)];
  },
};

/** The sources of the other modules, in report order; app.ts passes them with the built-in ones. */
export const moduleReportSources: AnnualReportSource[] = [loansSource, trainingSource, heritageSource, withdrawnSource, practiceSource, readingSource];
