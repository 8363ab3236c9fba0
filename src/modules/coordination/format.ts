import type { CostKind, DecisionStatus, SpecialTask } from './tables.js';

// Formatting shared by the pages and the PDF (a PDF never imports a page).

type T = (key: string, values?: Record<string, string | number>) => string;

export const taskLabel = (t: T, task: SpecialTask) => t(`coordination.task.${task}`);
export const costLabel = (t: T, kind: CostKind) => t(`coordination.cost.${kind}`);
export const decisionStatusLabel = (t: T, status: DecisionStatus) => t(`coordination.decision.status.${status}`);

/** Integer cents as euros in the reader's conventions (1.234,56 € / €1,234.56). */
export function euros(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'sl' ? 'sl-SI' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** A whole number in the reader's conventions. */
export function whole(value: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'sl' ? 'sl-SI' : 'en-GB', { maximumFractionDigits: 0 }).format(value);
}

/** A share as a percentage (0.55 → 55 %). */
export function percentText(share: number | null, locale: string): string {
  if (share === null) return '–';
  return new Intl.NumberFormat(locale === 'sl' ? 'sl-SI' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/**
 * Euros as typed in a form ("1234,50", "1234.5", "1 234,50") to integer cents; undefined when it is not
 * an amount (no thousands separators other than spaces; at most two decimals).
 */
export function parseEuros(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const clean = text.replace(/[\s\u00a0€]/g, '');
  const m = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(clean);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Whether a decision is overdue on a day. */
export function isOverdue(d: { status: DecisionStatus; due_on: string }, today: string): boolean {
  return (d.status === 'open' || d.status === 'in_progress') && d.due_on < today;
}
