import type { Generated, Selectable } from 'kysely';

/** The steps of a practice's review, in order: a returned practice goes back to its library and is submitted again. */
export const practiceStatuses = ['draft', 'submitted', 'returned', 'published'] as const;
export type PracticeStatus = (typeof practiceStatuses)[number];

/** What a practice cost, in bands (EUR): none, under 1,000, under 10,000, more. */
export const costBands = ['none', 'low', 'medium', 'high'] as const;
export type CostBand = (typeof costBands)[number];

/** How much work it took the library: a few hours, weeks, months. */
export const efforts = ['low', 'medium', 'high'] as const;
export type Effort = (typeof efforts)[number];

/** Who a practice is for: a fixed list (the pages name each in both languages). */
export const targetGroups = ['children', 'youth', 'adults', 'seniors', 'families', 'minorities', 'disabilities', 'schools', 'unemployed'] as const;
export type TargetGroup = (typeof targetGroups)[number];

/** A topic of the controlled list the admin keeps, named in both languages. */
export interface PracticeTopicTable {
  id: string;
  name_sl: string;
  name_en: string;
  sort: number;
}

/** One library's write-up of a practice. */
export interface PracticeTable {
  id: Generated<number>;
  library_id: string;
  /** A copy of the library's region when written, for the coordinator's scope and the facets. */
  region_id: string;
  status: PracticeStatus;
  /** The language it is written in (the interface comes in both). */
  language: 'sl' | 'en';
  title: string;
  problem_md: string;
  actions_md: string;
  partners: string | null;
  contact_name: string | null;
  contact_email: string | null;
  /** One http(s) address per line. */
  links: string | null;
  cost_band: CostBand;
  effort: Effort;
  /** The year it started. */
  year: number;
  /** 1 for demonstration content (pages show a badge). */
  is_demo: number;
  /** The coordinator's comment when it was returned. */
  review_comment: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  submitted_at: string | null;
  returned_at: string | null;
  published_at: string | null;
  published_by: number | null;
}

/** A topic (kind 'topic', value a topic id) or a target group (kind 'group') of a practice. */
export interface PracticeTagTable {
  practice_id: number;
  kind: 'topic' | 'group';
  value: string;
}

/** Another library's record that it adopted a practice. */
export interface PracticeAdoptionTable {
  id: Generated<number>;
  practice_id: number;
  library_id: string;
  region_id: string;
  /** When they started (YYYY-MM-DD). */
  adopted_on: string;
  /** What they changed. */
  changes: string;
  is_demo: number;
  created_at: string;
  created_by: number | null;
}

/** One result in figures: of the practice itself (adoption_id null) or of an adoption. */
export interface PracticeResultTable {
  id: Generated<number>;
  practice_id: number;
  adoption_id: number | null;
  position: number;
  indicator: string;
  unit: string;
  before_value: number | null;
  before_date: string | null;
  after_value: number;
  after_date: string;
}

/** A question a staff member asked the author on the practice page. */
export interface PracticeQuestionTable {
  id: Generated<number>;
  practice_id: number;
  asked_by: number | null;
  asker_name: string;
  question: string;
  asked_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    practice_topics: PracticeTopicTable;
    practices: PracticeTable;
    practice_tags: PracticeTagTable;
    practice_adoptions: PracticeAdoptionTable;
    practice_results: PracticeResultTable;
    practice_questions: PracticeQuestionTable;
  }
}

export type Practice = Selectable<PracticeTable>;
export type PracticeTopic = Selectable<PracticeTopicTable>;
export type PracticeAdoption = Selectable<PracticeAdoptionTable>;
export type PracticeResult = Selectable<PracticeResultTable>;
export type PracticeQuestion = Selectable<PracticeQuestionTable>;
