// Demonstration statistics, made from the population a library serves with fixed rates per
// inhabitant (near the national figures of 2019: 22 % members, 4.6 visits, 10.7 loans, 5.7 units
// of material and 0.58 FTE per 1,000 inhabitants, 25.5 EUR per inhabitant), a slow trend, the
// dip of the 2020–2021 closures, and a steady per-library tilt taken from its id: the same
// network gives the same figures every time, and nothing is random.
import type { Figures } from '../collect/rules.js';

export interface DemoLibrary {
  id: string;
  municipalities: { id: string; population: number | null }[];
  servicePoints: { id: number; kind: string }[];
}

/** A number in [-1, 1] fixed for a text (FNV-1a hash), so each library has its own steady tilt. */
export function tilt(text: string, salt = ''): number {
  let hash = 0x811c9dc5;
  for (const ch of `${salt}:${text}`) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash / 0xffffffff) * 2 - 1;
}

/** How much of a normal year's visits, loans and events each year had (libraries closed in 2020 and part of 2021). */
const activity: Record<number, number> = { 2019: 1, 2020: 0.62, 2021: 0.78, 2022: 0.92, 2023: 0.98, 2024: 1, 2025: 1.01 };
const activityOf = (year: number) => activity[year] ?? 1;
/** Prices: about 3 % a year since 2019. */
const priceOf = (year: number) => Math.pow(1.03, year - 2019);

const whole = (n: number) => Math.max(0, Math.round(n));
const cents = (n: number) => Math.round(n * 100) / 100;

/** The population a demonstration library serves (at least 2,000, for a library without municipalities in the data). */
export function servedPopulation(library: DemoLibrary): number {
  return Math.max(2000, library.municipalities.reduce((s, m) => s + (m.population ?? 0), 0));
}

/** One library's demonstration figures for a year; totals equal their parts, as the rules ask. */
export function demoFigures(library: DemoLibrary, year: number): Figures {
  const p = servedPopulation(library);
  const t = (salt: string, spread: number) => 1 + spread * tilt(library.id, salt);
  const trend = (perYear: number) => 1 + perYear * (year - 2019);
  const act = activityOf(year);
  const v: Record<string, number> = {};

  const members = p * 0.22 * t('members', 0.1) * trend(-0.004) * (year <= 2021 ? 0.96 : 1);
  v['members.children'] = whole(members * 0.26);
  v['members.youth'] = whole(members * 0.1);
  v['members.adults'] = whole(members * 0.46);
  v['members.seniors'] = whole(members * 0.18);
  v['members.total'] = v['members.children'] + v['members.youth'] + v['members.adults'] + v['members.seniors'];
  v['members.active'] = whole(v['members.total'] * 0.64);

  v['visits.physical'] = whole(p * 4.6 * t('visits', 0.12) * act);
  v['visits.virtual'] = whole(p * 2.4 * t('virtual', 0.2) * trend(0.06));

  const loans = p * 10.6 * t('loans', 0.1) * (0.7 + 0.3 * act);
  const electronicShare = Math.min(0.08, 0.015 + 0.007 * (year - 2019));
  v['loans.books'] = whole(loans * (0.81 - electronicShare));
  v['loans.nonbook'] = whole(loans * 0.09);
  v['loans.periodicals'] = whole(loans * 0.1);
  v['loans.electronic'] = whole(loans * electronicShare);
  v['loans.total'] = v['loans.books'] + v['loans.nonbook'] + v['loans.periodicals'] + v['loans.electronic'];

  const units = p * 5.6 * t('collection', 0.12) * trend(0.006);
  v['collection.books'] = whole(units * 0.88);
  v['collection.nonbook'] = whole(units * 0.12);
  v['collection.physical'] = v['collection.books'] + v['collection.nonbook'];
  v['collection.periodicalTitles'] = whole((40 + p * 0.0032 * t('periodicals', 0.15)) * trend(-0.01));
  v['collection.eresources'] = whole(25 + p / 6000);

  const acquired = p * 0.23 * t('acquisitions', 0.12) * trend(0.01);
  v['acquisitions.books'] = whole(acquired * 0.9);
  v['acquisitions.nonbook'] = whole(acquired * 0.1);
  v['acquisitions.physical'] = v['acquisitions.books'] + v['acquisitions.nonbook'];
  v['acquisitions.currentMonographs'] = whole(v['acquisitions.physical'] * 0.74);
  v['acquisitions.ebookLicences'] = whole((p / 1000) * (3 + 0.5 * (year - 2019)) * t('ebooks', 0.2));

  const fte = Math.max(3, (p / 1000) * 0.58 * t('staff', 0.1) * trend(0.005));
  v['staff.fteProfessional'] = cents(fte * 0.72);
  v['staff.fteOther'] = cents(fte * 0.28);
  v['staff.fte'] = cents(v['staff.fteProfessional'] + v['staff.fteOther']);
  v['staff.headcount'] = whole(v['staff.fte'] * 1.08);
  v['staff.trainingHours'] = whole(v['staff.fte'] * 15 * (year === 2020 ? 0.6 : 1));

  v['space.floorArea'] = cents(Math.max(150, p * 0.027 * t('space', 0.2)));
  v['space.readingSeats'] = whole(Math.max(12, (p / 1000) * 1.8 * t('seats', 0.2)));
  v['space.userComputers'] = whole(Math.max(3, (p / 1000) * 0.22 * t('computers', 0.2)));

  v['programme.events'] = whole(p * 0.012 * t('events', 0.2) * act);
  v['programme.participants'] = whole(v['programme.events'] * 22);

  const budget = p * 25.5 * t('budget', 0.08) * priceOf(year);
  const municipalFunding: Record<string, number> = {};
  const served = library.municipalities.filter((m) => (m.population ?? 0) > 0);
  const servedTotal = served.reduce((s, m) => s + (m.population ?? 0), 0);
  const municipal = budget * 0.78;
  for (const m of served) municipalFunding[m.id] = cents((municipal * (m.population ?? 0)) / servedTotal);
  v['funding.municipalities'] = served.length > 0 ? cents(Object.values(municipalFunding).reduce((a, b) => a + b, 0)) : cents(municipal);
  v['funding.state'] = cents(budget * 0.12);
  v['funding.own'] = cents(budget * 0.07);
  v['funding.other'] = cents(budget * 0.03);
  v['funding.acquisitionSpending'] = cents(p * 4.1 * t('spending', 0.1) * priceOf(year));

  const hoursByKind: Record<string, number> = { central: 60, branch: 24, bibliobus: 30, other: 10 };
  const servicePointHours: Record<number, number> = {};
  for (const point of library.servicePoints) {
    if (point.kind === 'stop') continue;
    servicePointHours[point.id] = hoursByKind[point.kind] ?? 10;
  }
  return { values: v, municipalityFunding: municipalFunding, servicePointHours };
}
