// The catalogue of annual statistics a library reports for a year. Statistics are stored as
// (report, key, value) rows, so this list is the one place that names them: forms, CSV/XLSX
// columns, validation, open data and indicator formulas all read it.

/** How a value is entered and shown. */
export type StatUnit = 'count' | 'fte' | 'area' | 'hours' | 'eur';

export interface StatField {
  /** Stable key, used as the CSV column and in indicator formulas (e.g. `collection.physical`). */
  key: string;
  /** The group the form shows it in. */
  group: 'members' | 'visits' | 'loans' | 'collection' | 'acquisitions' | 'staff' | 'space' | 'programme' | 'funding';
  unit: StatUnit;
  /** Whether a report may be submitted without it. */
  required: boolean;
  /** When set, this value must equal the sum of these keys (checked when all are present). */
  sumOf?: string[];
  /** When set, this value may not exceed the value of that key. */
  atMost?: string;
}

const f = (key: string, group: StatField['group'], unit: StatUnit, extra: Partial<StatField> = {}): StatField => ({
  key,
  group,
  unit,
  required: extra.required ?? true,
  ...extra,
});

/**
 * Every statistic of the annual report. Funding by each founding municipality and weekly hours by
 * service point are not keys here: they are rows of their own (one per municipality / point).
 */
export const statFields: readonly StatField[] = [
  f('members.total', 'members', 'count', { sumOf: ['members.children', 'members.youth', 'members.adults', 'members.seniors'] }),
  f('members.active', 'members', 'count', { atMost: 'members.total' }),
  f('members.children', 'members', 'count'), // under 15
  f('members.youth', 'members', 'count'), // 15–19
  f('members.adults', 'members', 'count'), // 20–64
  f('members.seniors', 'members', 'count'), // 65 and over
  f('visits.physical', 'visits', 'count'),
  f('visits.virtual', 'visits', 'count'),
  f('loans.total', 'loans', 'count', { sumOf: ['loans.books', 'loans.nonbook', 'loans.periodicals', 'loans.electronic'] }),
  f('loans.books', 'loans', 'count'),
  f('loans.nonbook', 'loans', 'count'),
  f('loans.periodicals', 'loans', 'count'),
  f('loans.electronic', 'loans', 'count'),
  // Units of material on physical carriers: the base of the collection norms.
  f('collection.physical', 'collection', 'count', { sumOf: ['collection.books', 'collection.nonbook'] }),
  f('collection.books', 'collection', 'count'),
  f('collection.nonbook', 'collection', 'count'),
  f('collection.periodicalTitles', 'collection', 'count'),
  f('collection.eresources', 'collection', 'count'),
  f('acquisitions.physical', 'acquisitions', 'count', { sumOf: ['acquisitions.books', 'acquisitions.nonbook'] }),
  f('acquisitions.books', 'acquisitions', 'count'),
  f('acquisitions.nonbook', 'acquisitions', 'count'),
  // Current monographs acquired on physical carriers (the 2023 norm's "aktualno monografsko gradivo").
  f('acquisitions.currentMonographs', 'acquisitions', 'count', { atMost: 'acquisitions.physical' }),
  // Licences of Slovenian e-books and audiobooks for remote access acquired in the year.
  f('acquisitions.ebookLicences', 'acquisitions', 'count'),
  f('staff.fte', 'staff', 'fte', { sumOf: ['staff.fteProfessional', 'staff.fteOther'] }),
  f('staff.fteProfessional', 'staff', 'fte'),
  f('staff.fteOther', 'staff', 'fte'),
  f('staff.headcount', 'staff', 'count'),
  f('staff.trainingHours', 'staff', 'hours'),
  f('space.floorArea', 'space', 'area'),
  f('space.readingSeats', 'space', 'count'),
  f('space.userComputers', 'space', 'count'),
  f('programme.events', 'programme', 'count'),
  f('programme.participants', 'programme', 'count'),
  f('funding.municipalities', 'funding', 'eur'), // the sum of the per-municipality rows
  f('funding.state', 'funding', 'eur'),
  f('funding.own', 'funding', 'eur'),
  f('funding.other', 'funding', 'eur', { required: false }),
  f('funding.acquisitionSpending', 'funding', 'eur'),
];

export const statFieldByKey: ReadonlyMap<string, StatField> = new Map(statFields.map((field) => [field.key, field]));

/** The groups in the order the form shows them. */
export const statGroups: readonly StatField['group'][] = ['members', 'visits', 'loans', 'collection', 'acquisitions', 'staff', 'space', 'programme', 'funding'];

/**
 * What a value of each unit may be: whole or not, and the largest sensible figure for one library
 * in one year (far above the largest Slovenian library, so only a typo or a wrong column exceeds it).
 */
export const unitRules: Readonly<Record<StatUnit, { integer: boolean; max: number }>> = {
  count: { integer: true, max: 100_000_000 },
  fte: { integer: false, max: 2_000 },
  area: { integer: false, max: 200_000 },
  hours: { integer: false, max: 1_000_000 },
  eur: { integer: false, max: 1_000_000_000 },
};

/** Weekly opening hours of one service point: a week has 168 hours. */
export const maxWeeklyHours = 168;
