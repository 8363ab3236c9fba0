// The rules of a programme and the completion they decide: pure functions, no database.

/** The categories a reading-list title may have. */
export const readingCategories = ['prose', 'poetry', 'nonfiction', 'drama'] as const;
export type ReadingCategory = (typeof readingCategories)[number];

/** The versions a title comes in. */
export const readingFormats = ['print', 'ebook', 'audiobook'] as const;
export type ReadingFormat = (typeof readingFormats)[number];

/** One rule: at least `count` books of `category` complete that part of the programme. */
export interface ReadingRule {
  category: ReadingCategory;
  count: number;
}

/** How far a reader is in one category. */
export interface CategoryProgress {
  category: ReadingCategory;
  required: number;
  read: number;
  done: boolean;
}

export interface Progress {
  categories: CategoryProgress[];
  /** Books read that count towards the rules (at most `required` per category). */
  counted: number;
  /** Books the rules ask for in all. */
  required: number;
  complete: boolean;
}

export function isCategory(value: string): value is ReadingCategory {
  return (readingCategories as readonly string[]).includes(value);
}

export function isFormat(value: string): value is ReadingFormat {
  return (readingFormats as readonly string[]).includes(value);
}

/** Parses stored rules, keeping only known categories with a positive count. */
export function parseRules(json: string): ReadingRule[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((r: unknown) => {
    const rule = r as { category?: unknown; count?: unknown };
    if (typeof rule.category !== 'string' || !isCategory(rule.category)) return [];
    const count = Number(rule.count);
    return Number.isInteger(count) && count > 0 ? [{ category: rule.category, count }] : [];
  });
}

/**
 * A reader's progress: for each rule, how many of the books read (each a list title's category, one per
 * title) fall into its category. The programme is complete when every rule is met; a programme
 * without rules is never complete.
 */
export function progressOf(rules: ReadingRule[], categoriesRead: string[]): Progress {
  const read = new Map<string, number>();
  for (const c of categoriesRead) read.set(c, (read.get(c) ?? 0) + 1);
  const categories = rules.map((rule) => {
    const n = read.get(rule.category) ?? 0;
    return { category: rule.category, required: rule.count, read: n, done: n >= rule.count };
  });
  const required = rules.reduce((sum, r) => sum + r.count, 0);
  const counted = categories.reduce((sum, c) => sum + Math.min(c.read, c.required), 0);
  return { categories, counted, required, complete: rules.length > 0 && categories.every((c) => c.done) };
}

/** Whether a day (ISO date) lies in the season. */
export function inSeason(day: string, season: { from: string; to: string }): boolean {
  return day >= season.from && day <= season.to;
}
