// Standards profiles as data: what a profile file holds, and the check every profile passes
// before it is stored (shipped files at first start, and every version an admin saves).

import type { FieldError } from '../../../web/errors.js';
import { parseFormula } from './formula.js';

export interface LocalText {
  sl: string;
  en: string;
}

/** Where a number comes from; `secondary` marks a number read in a text that quotes the rule. */
export interface SourceRef {
  citation: string;
  url: string;
  confidence: 'confirmed' | 'secondary';
}

export type Norm = { kind: 'minimum' | 'target'; value: number } | { kind: 'band'; low: number; high: number };

/** What one unit of a gap is, for its wording ("3.150 more units of material") and its price. */
export const gapUnits = ['material', 'licences', 'workers', 'fte', 'area', 'seats', 'computers'] as const;
export type GapUnit = (typeof gapUnits)[number];

export interface Indicator {
  id: string;
  name: LocalText;
  /** Formula over statistic keys, `population` and `servicePoints` (see formula.ts). */
  formula: string;
  /** Unit of the formula's value, e.g. "units per potential user". */
  unit: LocalText;
  norm: Norm;
  /** Required degree of fulfilment, 0 < f ≤ 1: the required value is norm × fulfilment. */
  fulfilment: number;
  /** The statistic to raise to close a gap, and what one unit of it is. */
  gap: { key: string; unit: GapUnit };
  /**
   * How a region or the country is measured: `pooled` evaluates the formula over the summed
   * statistics and populations (ratio of sums); `perLibrary` applies the norm to each library, so
   * the region's required value is the norm times its number of libraries.
   */
  aggregate: 'pooled' | 'perLibrary';
  source: SourceRef;
  note?: LocalText;
}

export interface StandardsProfile {
  id: string;
  name: LocalText;
  /** Binding rules (a regulation) or professional recommendations. */
  binding: boolean;
  /** Statistic years the profile applies to; null: open-ended. */
  years: { from: number | null; to: number | null };
  /** The population a library's indicators are measured against. */
  populationBase: 'served';
  /** A value under this share of the required value is "far below" (e.g. 0.5). */
  farBelow: number;
  source: SourceRef;
  /** What the profile leaves out and why (unconfirmed numbers are never shipped). */
  omissions: LocalText;
  indicators: Indicator[];
}

const idPattern = /^[a-z0-9][a-z0-9-]{1,60}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 500): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const isLocal = (v: unknown, max = 500): v is LocalText => isObject(v) && isText(v.sl, max) && isText(v.en, max);
const isYear = (v: unknown) => v === null || (Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2200);
const isPositive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;

function checkSource(v: unknown, at: string, errors: FieldError[]): void {
  if (!isObject(v)) {
    errors.push({ field: at, key: 'standards.profile.error.source' });
    return;
  }
  if (!isText(v.citation, 1000)) errors.push({ field: `${at}.citation`, key: 'standards.profile.error.required' });
  if (typeof v.url !== 'string' || !/^https?:\/\/\S+$/.test(v.url)) errors.push({ field: `${at}.url`, key: 'standards.profile.error.url' });
  if (v.confidence !== 'confirmed' && v.confidence !== 'secondary') errors.push({ field: `${at}.confidence`, key: 'standards.profile.error.confidence' });
}

/** Checks one indicator; `at` prefixes each field path (e.g. `indicators.2`). */
export function checkIndicator(v: unknown, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const p = (f: string) => (at ? `${at}.${f}` : f);
  if (!isObject(v)) return [{ field: at || 'indicator', key: 'standards.profile.error.indicator' }];
  if (typeof v.id !== 'string' || !idPattern.test(v.id)) errors.push({ field: p('id'), key: 'standards.profile.error.id' });
  if (!isLocal(v.name, 200)) errors.push({ field: p('name'), key: 'standards.profile.error.localText' });
  if (!isLocal(v.unit, 200)) errors.push({ field: p('unit'), key: 'standards.profile.error.localText' });
  let names: string[] = [];
  if (typeof v.formula !== 'string') errors.push({ field: p('formula'), key: 'standards.profile.error.required' });
  else {
    const parsed = parseFormula(v.formula);
    if (!parsed.ok) {
      errors.push({
        field: p('formula'),
        key: `standards.formula.error.${parsed.error.reason}`,
        values: { position: parsed.error.position, token: parsed.error.token ?? '' },
      });
    } else names = parsed.names;
  }
  const norm = v.norm;
  if (!isObject(norm)) errors.push({ field: p('norm'), key: 'standards.profile.error.norm' });
  else if (norm.kind === 'minimum' || norm.kind === 'target') {
    if (!isPositive(norm.value)) errors.push({ field: p('norm.value'), key: 'standards.profile.error.positive' });
  } else if (norm.kind === 'band') {
    if (!isPositive(norm.low)) errors.push({ field: p('norm.low'), key: 'standards.profile.error.positive' });
    if (!isPositive(norm.high) || (isPositive(norm.low) && (norm.high as number) < (norm.low as number))) {
      errors.push({ field: p('norm.high'), key: 'standards.profile.error.bandOrder' });
    }
  } else errors.push({ field: p('norm.kind'), key: 'standards.profile.error.norm' });
  if (typeof v.fulfilment !== 'number' || !(v.fulfilment > 0 && v.fulfilment <= 1)) errors.push({ field: p('fulfilment'), key: 'standards.profile.error.fulfilment' });
  if (!isObject(v.gap) || typeof v.gap.key !== 'string' || !(gapUnits as readonly string[]).includes(v.gap.unit as string)) {
    errors.push({ field: p('gap'), key: 'standards.profile.error.gap' });
  } else if (names.length > 0 && !names.includes(v.gap.key)) {
    errors.push({ field: p('gap'), key: 'standards.profile.error.gapKey', values: { key: v.gap.key } });
  }
  if (v.aggregate !== 'pooled' && v.aggregate !== 'perLibrary') errors.push({ field: p('aggregate'), key: 'standards.profile.error.aggregate' });
  checkSource(v.source, p('source'), errors);
  if (v.note !== undefined && !isLocal(v.note, 2000)) errors.push({ field: p('note'), key: 'standards.profile.error.localText' });
  return errors;
}

/** Checks a whole profile; an empty list means it may be stored. */
export function checkProfile(v: unknown): FieldError[] {
  if (!isObject(v)) return [{ field: 'profile', key: 'standards.profile.error.notObject' }];
  const errors: FieldError[] = [];
  if (typeof v.id !== 'string' || !idPattern.test(v.id)) errors.push({ field: 'id', key: 'standards.profile.error.id' });
  if (!isLocal(v.name, 300)) errors.push({ field: 'name', key: 'standards.profile.error.localText' });
  if (typeof v.binding !== 'boolean') errors.push({ field: 'binding', key: 'standards.profile.error.binding' });
  const years = v.years;
  if (!isObject(years) || !isYear(years.from) || !isYear(years.to)) errors.push({ field: 'years', key: 'standards.profile.error.years' });
  else if (years.from !== null && years.to !== null && (years.to as number) < (years.from as number)) errors.push({ field: 'years', key: 'standards.profile.error.years' });
  if (v.populationBase !== 'served') errors.push({ field: 'populationBase', key: 'standards.profile.error.populationBase' });
  if (typeof v.farBelow !== 'number' || !(v.farBelow > 0 && v.farBelow < 1)) errors.push({ field: 'farBelow', key: 'standards.profile.error.farBelow' });
  checkSource(v.source, 'source', errors);
  if (!isLocal(v.omissions, 4000)) errors.push({ field: 'omissions', key: 'standards.profile.error.localText' });
  if (!Array.isArray(v.indicators)) errors.push({ field: 'indicators', key: 'standards.profile.error.indicators' });
  else {
    const seen = new Set<string>();
    v.indicators.forEach((indicator, i) => {
      errors.push(...checkIndicator(indicator, `indicators.${i}`));
      const id = isObject(indicator) ? indicator.id : undefined;
      if (typeof id === 'string') {
        if (seen.has(id)) errors.push({ field: `indicators.${i}.id`, key: 'standards.profile.error.duplicateId', values: { id } });
        seen.add(id);
      }
    });
  }
  return errors;
}

/** Whether a profile applies to the statistics of a year. */
export function inForce(profile: Pick<StandardsProfile, 'years'>, year: number): boolean {
  return (profile.years.from === null || year >= profile.years.from) && (profile.years.to === null || year <= profile.years.to);
}
