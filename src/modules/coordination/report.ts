import type { Db } from '../../db/database.js';
import { listLibraryRefs, listRegionRefs, type RegionRef } from '../network/index.js';
import * as q from './queries.js';
import type { AnnualReportSource, ReportFigure } from './sources.js';
import { costKinds, specialTasks, type BudgetLine, type CostKind, type Programme, type SpecialTask, type Target } from './tables.js';

// The annual report of one OOK (built from its programme, the quarterly progress and the report
// sources) and the national roll-up of all ten. Plain data: the page and the PDF both render it.

export interface TargetProgress {
  target: Target;
  /** Q1–Q4 values (null: not recorded). */
  quarters: (number | null)[];
  achieved: number;
  /** achieved / target (null when the target is 0). */
  share: number | null;
  libraries: string[];
}

export interface Money {
  planned: number;
  spent: number;
}

export interface TaskPart {
  task: SpecialTask;
  targets: TargetProgress[];
  figures: (ReportFigure & { source: string })[];
  budget: Record<CostKind, Money>;
  lines: BudgetLine[];
}

export interface AnnualReport {
  programme: Programme;
  region: RegionRef;
  parts: TaskPart[];
  totals: Record<CostKind, Money> & { all: Money };
  /** Sources that failed (their key): the report says their figures are missing rather than failing. */
  failedSources: string[];
}

const emptyBudget = (): Record<CostKind, Money> => ({ labour: { planned: 0, spent: 0 }, material: { planned: 0, spent: 0 }, other: { planned: 0, spent: 0 } });

/** Progress of each target: its quarterly values and their sum. */
export async function targetProgress(db: Db, targets: Target[]): Promise<TargetProgress[]> {
  const progress = await q.listProgress(
    db,
    targets.map((t) => t.id),
  );
  const libraryIds = [...new Set(targets.flatMap((t) => t.library_ids.split(',').filter(Boolean)))];
  const names = new Map((await listLibraryRefs(db, { ids: libraryIds })).map((l) => [l.id, l.short_name || l.name]));
  return targets.map((target) => {
    const quarters: (number | null)[] = [null, null, null, null];
    for (const p of progress) if (p.target_id === target.id) quarters[p.quarter - 1] = p.value;
    const achieved = quarters.reduce<number>((s, v) => s + (v ?? 0), 0);
    return {
      target,
      quarters,
      achieved,
      share: target.target > 0 ? achieved / target.target : null,
      libraries: target.library_ids
        .split(',')
        .filter(Boolean)
        .map((id) => names.get(id) ?? id),
    };
  });
}

export async function buildAnnualReport(db: Db, programme: Programme, sources: readonly AnnualReportSource[]): Promise<AnnualReport> {
  const regions = await listRegionRefs(db);
  const region = regions.find((r) => r.id === programme.region_id) ?? { id: programme.region_id, name_sl: programme.region_id, name_en: programme.region_id };
  const [targets, lines] = await Promise.all([q.listTargets(db, [programme.id]), q.listBudgetLines(db, [programme.id])]);
  const progress = await targetProgress(db, targets);
  const failedSources: string[] = [];
  const figures = new Map<SpecialTask, (ReportFigure & { source: string })[]>();
  for (const source of sources) {
    try {
      const found = await source.figures(db, { regionId: programme.region_id, year: programme.year });
      figures.set(source.task, [...(figures.get(source.task) ?? []), ...found.map((f) => ({ ...f, source: source.key }))]);
    } catch {
      failedSources.push(source.key);
    }
  }
  const totals = { ...emptyBudget(), all: { planned: 0, spent: 0 } };
  const parts = specialTasks.map((task): TaskPart => {
    const own = lines.filter((l) => l.task === task);
    const budget = emptyBudget();
    for (const l of own) {
      budget[l.cost_kind].planned += l.planned_cents;
      budget[l.cost_kind].spent += l.spent_cents;
      totals[l.cost_kind].planned += l.planned_cents;
      totals[l.cost_kind].spent += l.spent_cents;
      totals.all.planned += l.planned_cents;
      totals.all.spent += l.spent_cents;
    }
    return { task, targets: progress.filter((p) => p.target.task === task), figures: figures.get(task) ?? [], budget, lines: own };
  });
  return { programme, region, parts, totals, failedSources };
}

export interface RollupRow {
  region: RegionRef;
  programme: Programme | null;
}

export interface RollupTask {
  task: SpecialTask;
  activities: number;
  targetSum: number;
  achievedSum: number;
  budget: Money;
  /** Source figures summed over the OOK, by source and key. */
  figures: (ReportFigure & { source: string })[];
}

export interface Rollup {
  year: number;
  rows: RollupRow[];
  tasks: RollupTask[];
  totals: Money;
}

/** All ten OOK for a year: who has a programme and its status, and totals per special task. */
export async function buildRollup(db: Db, year: number, sources: readonly AnnualReportSource[]): Promise<Rollup> {
  const regions = await listRegionRefs(db);
  const { items } = await q.listProgrammes(db, { year, limit: 100, offset: 0 });
  const rows = regions.map((region) => ({ region, programme: items.find((p) => p.region_id === region.id) ?? null }));
  const tasks = new Map<SpecialTask, RollupTask>(specialTasks.map((task) => [task, { task, activities: 0, targetSum: 0, achievedSum: 0, budget: { planned: 0, spent: 0 }, figures: [] }]));
  const totals = { planned: 0, spent: 0 };
  for (const programme of items) {
    const report = await buildAnnualReport(db, programme, sources);
    for (const part of report.parts) {
      const t = tasks.get(part.task)!;
      t.activities += part.targets.length;
      t.targetSum += part.targets.reduce((s, p) => s + p.target.target, 0);
      t.achievedSum += part.targets.reduce((s, p) => s + p.achieved, 0);
      for (const kind of costKinds) {
        t.budget.planned += part.budget[kind].planned;
        t.budget.spent += part.budget[kind].spent;
      }
      for (const f of part.figures) {
        const same = t.figures.find((x) => x.source === f.source && x.key === f.key);
        if (same) {
          same.value += f.value;
          same.demo = same.demo || f.demo;
        } else t.figures.push({ ...f });
      }
    }
    totals.planned += report.totals.all.planned;
    totals.spent += report.totals.all.spent;
  }
  return { year, rows, tasks: [...tasks.values()], totals };
}
