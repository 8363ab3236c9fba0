import type { Generated, Selectable } from 'kysely';

/** A body of the national coordination: the OOK team, or a working group. */
export const groupKinds = ['team', 'group'] as const;
export type GroupKind = (typeof groupKinds)[number];

/** The steps of a decision ("sklep"): agreed, being done, done (with evidence), dropped. */
export const decisionStatuses = ['open', 'in_progress', 'done', 'dropped'] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];

/**
 * The OOK's special tasks (Pravilnik 2023): (1) a larger choice of material and information,
 * (2) professional help to the area's libraries, (3) local-studies coordination, (4) directing
 * withdrawn material; and coordination with joint projects.
 */
export const specialTasks = ['choice', 'help', 'local', 'withdrawn', 'joint'] as const;
export type SpecialTask = (typeof specialTasks)[number];

/** The three kinds of programme costs the ministry's call asks for. */
export const costKinds = ['labour', 'material', 'other'] as const;
export type CostKind = (typeof costKinds)[number];

export const programmeStatuses = ['draft', 'submitted'] as const;
export type ProgrammeStatus = (typeof programmeStatuses)[number];

export interface CoordinationGroupTable {
  id: Generated<number>;
  kind: GroupKind;
  name: string;
  remit: string;
  /** What the group produced (Markdown). */
  outputs: string;
  /** The region a regional body belongs to; null for national ones. */
  region_id: string | null;
  is_demo: number;
  created_at: string;
}

export interface CoordinationMemberTable {
  group_id: number;
  user_id: number;
  member_role: string;
  term_from: string;
  term_to: string | null;
}

export interface CoordinationMeetingTable {
  id: Generated<number>;
  group_id: number;
  title: string;
  held_on: string;
  place: string;
  /** Markdown. */
  agenda: string;
  /** Markdown, through the text service. */
  minutes: string;
  is_demo: number;
  created_at: string;
}

export interface CoordinationAttendanceTable {
  meeting_id: number;
  user_id: number;
}

export interface CoordinationDecisionTable {
  id: Generated<number>;
  meeting_id: number;
  group_id: number;
  /** The region the decision concerns (its owner's OOK), for the regional board; null: national. */
  region_id: string | null;
  title: string;
  owner_id: number;
  due_on: string;
  status: DecisionStatus;
  /** What shows it was done (a link, a document's name, a sentence). */
  evidence: string;
  done_on: string | null;
  /** The last day its owner was reminded. */
  reminded_on: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface CoordinationProgrammeTable {
  id: Generated<number>;
  region_id: string;
  year: number;
  status: ProgrammeStatus;
  /** The OOK's own words for the annual report (Markdown). */
  report_text: string;
  submitted_at: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface CoordinationTargetTable {
  id: Generated<number>;
  programme_id: number;
  task: SpecialTask;
  activity: string;
  /** What is counted (e.g. "advisory visits"). */
  indicator: string;
  target: number;
  /** The libraries involved, as network library ids separated by commas. */
  library_ids: string;
}

export interface CoordinationProgressTable {
  target_id: number;
  quarter: number;
  value: number;
}

export interface CoordinationBudgetLineTable {
  id: Generated<number>;
  programme_id: number;
  task: SpecialTask;
  cost_kind: CostKind;
  description: string;
  planned_cents: number;
  spent_cents: number;
}

export type Group = Selectable<CoordinationGroupTable>;
export type Meeting = Selectable<CoordinationMeetingTable>;
export type Decision = Selectable<CoordinationDecisionTable>;
export type Programme = Selectable<CoordinationProgrammeTable>;
export type Target = Selectable<CoordinationTargetTable>;
export type BudgetLine = Selectable<CoordinationBudgetLineTable>;

declare module '../../db/schema.js' {
  interface Database {
    coordination_groups: CoordinationGroupTable;
    coordination_members: CoordinationMemberTable;
    coordination_meetings: CoordinationMeetingTable;
    coordination_attendance: CoordinationAttendanceTable;
    coordination_decisions: CoordinationDecisionTable;
    coordination_programmes: CoordinationProgrammeTable;
    coordination_targets: CoordinationTargetTable;
    coordination_progress: CoordinationProgressTable;
    coordination_budget_lines: CoordinationBudgetLineTable;
  }
}
