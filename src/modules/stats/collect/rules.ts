// The rules a year's figures must follow, as pure functions: the form, the JSON check the
// form's script calls as you type, and the CSV/XLSX import all run these same rules.
import type { FieldError } from '../../../web/errors.js';
import { maxWeeklyHours, statFields, statFieldByKey, unitRules, type StatUnit } from '../fields.js';

/** A report's figures: fields.ts key → value, funding per municipality id, weekly hours per service point id. */
export interface Figures {
  values: Record<string, number>;
  municipalityFunding: Record<string, number>;
  servicePointHours: Record<number, number>;
}

/** The form field of one founding municipality's funding. */
export const fundingFieldName = (municipalityId: string) => `funding_municipality.${municipalityId}`;
/** The form field of one service point's weekly hours. */
export const hoursFieldName = (servicePointId: number) => `hours.${servicePointId}`;
/** The checkbox that confirms the flagged year-on-year jumps. */
export const confirmJumpsField = 'confirm_jumps';

/**
 * Reads a number as people type it: `1234`, `12.5`, `12,5` (decimal comma), `1.234,5` or `1 234,5`
 * (thousands grouped). Returns undefined for an empty cell, null when it is not a number.
 */
export function parseNumber(raw: unknown): number | null | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return raw === undefined || raw === null ? undefined : null;
  const s = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return undefined;
  let normal: string | null = null;
  if (/^-?\d+(\.\d+)?$/.test(s)) normal = s;
  else if (/^-?\d+,\d+$/.test(s)) normal = s.replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(s)) normal = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(s)) normal = s.replace(/\./g, '');
  if (normal === null) return null;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

/** Where a report's figures may go: the municipalities the library serves and its service points. */
export interface FormScope {
  municipalityIds: readonly string[];
  servicePointIds: readonly number[];
}

/** Reads the figures of a submitted form (or a JSON body of the same shape); what is not a number is reported by field. */
export function parseFiguresForm(body: Record<string, unknown>, scope: FormScope): { figures: Figures; errors: FieldError[] } {
  const figures: Figures = { values: {}, municipalityFunding: {}, servicePointHours: {} };
  const errors: FieldError[] = [];
  const read = (field: string, store: (n: number) => void) => {
    const n = parseNumber(body[field]);
    if (n === null) errors.push({ field, key: notANumberKey(statFieldByKey.get(field)?.unit ?? 'eur') });
    else if (n !== undefined) store(n);
  };
  for (const f of statFields) read(f.key, (n) => (figures.values[f.key] = n));
  for (const id of scope.municipalityIds) read(fundingFieldName(id), (n) => (figures.municipalityFunding[id] = n));
  for (const id of scope.servicePointIds) read(hoursFieldName(id), (n) => (figures.servicePointHours[id] = n));
  return { figures, errors };
}

/** The message for a value that is not a number: a whole-number example for counts, a decimal one for the rest. */
export const notANumberKey = (unit: StatUnit): string => (unitRules[unit].integer ? 'stats.check.wholeNumber' : 'validation.type.number');

/**
 * Fills each empty total whose parts are all given with their sum (and the municipalities' total
 * from the rows per municipality), so a form sent without JavaScript needs no adding up; returns the keys filled.
 */
export function fillTotals(figures: Figures): string[] {
  const filled: string[] = [];
  const { values } = figures;
  for (const f of statFields) {
    if (!f.sumOf || values[f.key] !== undefined) continue;
    const parts = f.sumOf.map((k) => values[k]);
    if (parts.every((p) => p !== undefined)) {
      values[f.key] = round((parts as number[]).reduce((a, b) => a + b, 0));
      filled.push(f.key);
    }
  }
  const rows = Object.values(figures.municipalityFunding);
  if (values['funding.municipalities'] === undefined && rows.length > 0) {
    values['funding.municipalities'] = round(rows.reduce((a, b) => a + b, 0));
    filled.push('funding.municipalities');
  }
  return filled;
}

export interface CheckOptions {
  /** True when submitting: every required figure must be there. Drafts may be incomplete. */
  complete: boolean;
  /** Last year's figures of the same library, to flag jumps. */
  previous?: Record<string, number>;
  /** A value more than this many times last year's (or less than its inverse) is flagged. */
  jumpFactor: number;
}

export interface CheckResult {
  /** Faults that stop the figures being stored: negative, not whole, beyond sense, unknown. */
  errors: FieldError[];
  /**
   * Figures that do not fit together (a total that is not the sum of its parts, an at-most rule)
   * or are missing (when complete): a draft is stored with them, shown as warnings; they stop submission.
   */
  inconsistencies: FieldError[];
  /** Year-on-year jumps: stored, but a report is submitted only once someone confirms them. */
  jumps: FieldError[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Checks a report's figures: ranges and whole numbers (errors), totals that must add up and at-most rules (inconsistencies), and jumps. */
export function checkFigures(figures: Figures, options: CheckOptions): CheckResult {
  const errors: FieldError[] = [];
  const inconsistencies: FieldError[] = [];
  const jumps: FieldError[] = [];
  const faulty = new Set<string>();
  const fail = (field: string, key: string, values?: FieldError['values']) => {
    if (faulty.has(field)) return;
    faulty.add(field);
    errors.push({ field, key, ...(values ? { values } : {}) });
  };
  const misfit = (field: string, key: string, values?: FieldError['values']) => {
    if (faulty.has(field)) return;
    faulty.add(field);
    inconsistencies.push({ field, key, ...(values ? { values } : {}) });
  };
  const { values } = figures;

  for (const [key, value] of Object.entries(values)) {
    const field = statFieldByKey.get(key);
    if (!field) {
      fail(key, 'stats.check.unknown');
      continue;
    }
    const rule = unitRules[field.unit];
    if (value < 0) fail(key, 'stats.check.negative');
    else if (rule.integer && !Number.isInteger(value)) fail(key, 'stats.check.whole');
    else if (value > rule.max) fail(key, 'stats.check.tooLarge', { max: rule.max });
  }
  for (const [id, amount] of Object.entries(figures.municipalityFunding)) {
    const field = fundingFieldName(id);
    if (amount < 0) fail(field, 'stats.check.negative');
    else if (amount > unitRules.eur.max) fail(field, 'stats.check.tooLarge', { max: unitRules.eur.max });
  }
  for (const [id, hours] of Object.entries(figures.servicePointHours)) {
    const field = hoursFieldName(Number(id));
    if (hours < 0) fail(field, 'stats.check.negative');
    else if (hours > maxWeeklyHours) fail(field, 'stats.check.tooLarge', { max: maxWeeklyHours });
  }

  if (options.complete) {
    for (const f of statFields) if (f.required && values[f.key] === undefined) misfit(f.key, 'stats.check.required');
  }

  for (const f of statFields) {
    const value = values[f.key];
    if (value === undefined || faulty.has(f.key)) continue;
    if (f.sumOf) {
      const parts = f.sumOf.map((k) => values[k]);
      if (parts.every((p) => p !== undefined)) {
        const sum = round((parts as number[]).reduce((a, b) => a + b, 0));
        if (Math.abs(sum - value) > (unitRules[f.unit].integer ? 0 : 0.01)) misfit(f.key, 'stats.check.sum', { sum, value });
      }
    }
    if (f.atMost) {
      const limit = values[f.atMost];
      if (limit !== undefined && value > limit) misfit(f.key, 'stats.check.atMost', { max: limit });
    }
  }

  const fundingRows = Object.values(figures.municipalityFunding);
  const fundingTotal = values['funding.municipalities'];
  if (fundingRows.length > 0 && fundingTotal !== undefined && !faulty.has('funding.municipalities')) {
    const sum = round(fundingRows.reduce((a, b) => a + b, 0));
    if (Math.abs(sum - fundingTotal) > 0.01) misfit('funding.municipalities', 'stats.check.fundingSum', { sum, value: fundingTotal });
  }

  if (options.previous) {
    for (const [key, value] of Object.entries(values)) {
      const before = options.previous[key];
      if (before === undefined || before <= 0 || faulty.has(key)) continue;
      if (value > before * options.jumpFactor || value < before / options.jumpFactor) {
        jumps.push({ field: key, key: 'stats.check.jump', values: { previous: before, value, factor: options.jumpFactor } });
      }
    }
  }
  return { errors, inconsistencies, jumps };
}
