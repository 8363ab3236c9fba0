// The indicator engine: pure functions from a profile and a library's (or a pooled area's)
// statistics to each indicator's value, required value, status and gap. No database, no HTTP.

import { evaluateFormula, parseFormula, type FormulaNode } from './formula.js';
import type { GapUnit, Indicator, Norm, StandardsProfile } from './profile.js';

/** What an indicator is evaluated over: statistic values plus the population base and service points. */
export interface IndicatorInput {
  values: Readonly<Record<string, number>>;
  /** Inhabitants of the municipalities served (the profile's population base). */
  population: number;
  servicePoints: number;
}

/** meets: at or above the required value; below; farBelow: under the profile's share of it; above: over a band's top; unknown: not computable. */
export type IndicatorStatus = 'meets' | 'below' | 'farBelow' | 'above' | 'unknown';

export interface IndicatorResult {
  indicatorId: string;
  value: number | null;
  norm: Norm;
  fulfilment: number;
  /** norm × fulfilment: the value to reach (for a band, its lower and upper bound). */
  required: { low: number; high: number | null };
  status: IndicatorStatus;
  /** How much more of the gap statistic is needed to reach the required value (0 when met); null when unknown. */
  gap: number | null;
  gapUnit: GapUnit;
  /** value ÷ required low, e.g. 0.82 = 82 % of the required value. */
  ratio: number | null;
}

const compiled = new Map<string, FormulaNode>();

/** The parsed tree of a formula (cached); throws on a formula that does not parse, which a stored profile never has. */
export function formulaNode(formula: string): FormulaNode {
  let node = compiled.get(formula);
  if (!node) {
    const parsed = parseFormula(formula);
    if (!parsed.ok) throw new Error(`formula "${formula}" does not parse: ${parsed.error.reason} at ${parsed.error.position}`);
    node = parsed.node;
    compiled.set(formula, node);
  }
  return node;
}

export function requiredValue(norm: Norm, fulfilment: number): { low: number; high: number | null } {
  return norm.kind === 'band' ? { low: norm.low * fulfilment, high: norm.high } : { low: norm.value * fulfilment, high: null };
}

const env = (input: IndicatorInput): Record<string, number> => ({ ...input.values, population: input.population, servicePoints: input.servicePoints });

/** Rounds a gap up to what can be acquired: whole units, FTE and m² to one decimal place. */
export function roundGap(gap: number, unit: GapUnit): number {
  if (gap <= 0) return 0;
  const tidy = Math.round(gap * 1e6) / 1e6; // so 3150.0000000001 is 3150, not 3151
  return unit === 'fte' ? Math.ceil(tidy * 10) / 10 : Math.ceil(tidy);
}

/**
 * How much the gap statistic must grow for the formula to reach `target`, found by measuring the
 * formula's slope in that statistic (formulas are linear in it: x / population × k). Null when the
 * statistic is missing or the formula does not grow with it.
 */
function amountToReach(node: FormulaNode, values: Record<string, number>, key: string, current: number, target: number): number | null {
  const x = values[key];
  if (x === undefined) return null;
  const at = (v: number) => evaluateFormula(node, { ...values, [key]: v });
  // A wide step keeps the rounding error of the difference small against the slope.
  const step = Math.max(1, Math.abs(x));
  const f1 = at(x + step);
  const f2 = at(x + 2 * step);
  if (f1 === null || f2 === null) return null;
  const slope = (f1 - current) / step;
  if (!(slope > 0) || Math.abs((f2 - f1) / step - slope) > 1e-6 * slope) return null;
  return (target - current) / slope;
}

function statusOf(value: number | null, required: { low: number; high: number | null }, farBelow: number): IndicatorStatus {
  if (value === null) return 'unknown';
  // A value that matches the required one to rounding noise meets it.
  const eps = 1e-9 * Math.max(1, Math.abs(required.low));
  if (required.high !== null && value > required.high + eps) return 'above';
  if (value >= required.low - eps) return 'meets';
  return value < required.low * farBelow ? 'farBelow' : 'below';
}

/** Evaluates one indicator for one library (or a pooled area). */
export function evaluateIndicator(indicator: Indicator, input: IndicatorInput, farBelow: number): IndicatorResult {
  const node = formulaNode(indicator.formula);
  const values = env(input);
  const value = evaluateFormula(node, values);
  const required = requiredValue(indicator.norm, indicator.fulfilment);
  const status = statusOf(value, required, farBelow);
  let gap: number | null = null;
  if (status === 'meets' || status === 'above') gap = 0;
  else if (value !== null) {
    const amount = amountToReach(node, values, indicator.gap.key, value, required.low);
    gap = amount === null ? null : roundGap(amount, indicator.gap.unit);
  }
  return {
    indicatorId: indicator.id,
    value,
    norm: indicator.norm,
    fulfilment: indicator.fulfilment,
    required,
    status,
    gap,
    gapUnit: indicator.gap.unit,
    ratio: value === null || required.low === 0 ? null : value / required.low,
  };
}

/** Every indicator of a profile for one library. */
export function evaluateProfile(profile: StandardsProfile, input: IndicatorInput): IndicatorResult[] {
  return profile.indicators.map((indicator) => evaluateIndicator(indicator, input, profile.farBelow));
}

/** A library's input to an area's aggregate. */
export interface MemberInput extends IndicatorInput {
  libraryId: string;
}

export interface AggregateResult extends IndicatorResult {
  /** Libraries whose statistics the aggregate includes (those with every value the formula needs). */
  libraries: number;
  /** Libraries that meet the indicator on their own. */
  librariesMeeting: number;
}

/**
 * Evaluates a profile for a region or the country from its libraries: the formula over the summed
 * statistics and summed populations (a ratio of sums, not a mean of ratios), so a large library
 * weighs as much as the people it serves. A `perLibrary` indicator compares the sum with the norm
 * times the number of libraries. The gap is the sum of each library's own gap: one library's
 * surplus does not close another's shortfall.
 */
export function aggregateProfile(profile: StandardsProfile, members: readonly MemberInput[]): AggregateResult[] {
  return profile.indicators.map((indicator) => {
    const node = formulaNode(indicator.formula);
    const parsed = parseFormula(indicator.formula);
    const names = parsed.ok ? parsed.names.filter((n) => n !== 'population' && n !== 'servicePoints') : [];
    const included = members.filter((m) => names.every((n) => m.values[n] !== undefined) && m.population > 0);
    const pooled: IndicatorInput = {
      values: Object.fromEntries(names.map((n) => [n, included.reduce((s, m) => s + (m.values[n] ?? 0), 0)])),
      population: included.reduce((s, m) => s + m.population, 0),
      servicePoints: included.reduce((s, m) => s + m.servicePoints, 0),
    };
    const own = included.map((m) => evaluateIndicator(indicator, m, profile.farBelow));
    const librariesMeeting = own.filter((r) => r.status === 'meets' || r.status === 'above').length;
    const gapParts = own.map((r) => r.gap);
    const gap = included.length === 0 || gapParts.some((g) => g === null) ? null : roundGap(gapParts.reduce<number>((s, g) => s + (g ?? 0), 0), indicator.gap.unit);
    if (included.length === 0) {
      return { ...evaluateIndicator(indicator, { values: {}, population: 0, servicePoints: 0 }, profile.farBelow), gap: null, libraries: 0, librariesMeeting: 0 };
    }
    if (indicator.aggregate === 'perLibrary') {
      const n = included.length;
      const base = requiredValue(indicator.norm, indicator.fulfilment);
      const required = { low: base.low * n, high: base.high === null ? null : base.high * n };
      const value = evaluateFormula(node, { ...pooled.values, population: pooled.population, servicePoints: pooled.servicePoints });
      return {
        indicatorId: indicator.id,
        value,
        norm: indicator.norm,
        fulfilment: indicator.fulfilment,
        required,
        status: statusOf(value, required, profile.farBelow),
        gap,
        gapUnit: indicator.gap.unit,
        ratio: value === null || required.low === 0 ? null : value / required.low,
        libraries: n,
        librariesMeeting,
      };
    }
    return { ...evaluateIndicator(indicator, pooled, profile.farBelow), gap, libraries: included.length, librariesMeeting };
  });
}
