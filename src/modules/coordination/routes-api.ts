import { Type } from '@sinclair/typebox';
import { ListOf, Nullable, PagingQuery } from '../../web/schemas.js';
import type { App, AppDeps } from '../../web/types.js';
import { coordinationAccess } from './policy.js';
import * as q from './queries.js';
import { targetProgress } from './report.js';
import { todayInLjubljana } from './service.js';
import { costKinds, decisionStatuses, programmeStatuses, specialTasks } from './tables.js';

// The coordination's JSON for staff: the same session and roles as its pages.

const tags = ['coordination'];

const DecisionSchema = Type.Object({
  id: Type.Integer(),
  meetingId: Type.Integer(),
  groupId: Type.Integer(),
  regionId: Nullable(Type.String({ description: 'The OOK region the decision concerns; null: national.' })),
  title: Type.String(),
  ownerId: Type.Integer({ description: 'The account that carries it out.' }),
  dueOn: Type.String({ description: 'YYYY-MM-DD' }),
  status: Type.String({ enum: [...decisionStatuses] }),
  overdue: Type.Boolean({ description: 'Open or in progress, and its due day has passed (Europe/Ljubljana).' }),
  evidence: Type.String({ description: 'What shows it was done.' }),
  doneOn: Nullable(Type.String()),
  isDemo: Type.Boolean(),
});

const TargetSchema = Type.Object({
  id: Type.Integer(),
  task: Type.String({ enum: [...specialTasks] }),
  activity: Type.String(),
  indicator: Type.String(),
  target: Type.Integer(),
  quarters: Type.Array(Nullable(Type.Integer()), { description: 'Progress in Q1–Q4 (null: not recorded).' }),
  achieved: Type.Integer(),
  libraryIds: Type.Array(Type.String()),
});

const ProgrammeSchema = Type.Object({
  id: Type.Integer(),
  regionId: Type.String(),
  year: Type.Integer(),
  status: Type.String({ enum: [...programmeStatuses] }),
  submittedAt: Nullable(Type.String()),
  isDemo: Type.Boolean(),
  targets: Type.Array(TargetSchema),
  budget: Type.Array(
    Type.Object({
      task: Type.String({ enum: [...specialTasks] }),
      costKind: Type.String({ enum: [...costKinds] }),
      description: Type.String(),
      plannedCents: Type.Integer(),
      spentCents: Type.Integer(),
    }),
  ),
});

export function registerCoordinationApi(app: App, { db }: AppDeps): void {
  app.get(
    '/api/coordination/decisions',
    {
      config: { access: coordinationAccess },
      schema: {
        tags,
        summary: 'Decisions of the coordination’s meetings, overdue first (staff)',
        querystring: Type.Object({
          group: Type.Optional(Type.Integer({ minimum: 1 })),
          region: Type.Optional(Type.String({ maxLength: 60 })),
          status: Type.Optional(Type.String({ enum: [...decisionStatuses] })),
          ...PagingQuery,
        }),
        response: { 200: ListOf(DecisionSchema) },
      },
    },
    async (request) => {
      const today = todayInLjubljana();
      const { group, region, status, limit, offset } = request.query;
      const list = await q.listDecisions(db, { groupId: group, regionId: region, status: status as never, today, limit, offset });
      return {
        total: list.total,
        items: list.items.map((d) => ({
          id: d.id,
          meetingId: d.meeting_id,
          groupId: d.group_id,
          regionId: d.region_id,
          title: d.title,
          ownerId: d.owner_id,
          dueOn: d.due_on,
          status: d.status,
          overdue: (d.status === 'open' || d.status === 'in_progress') && d.due_on < today,
          evidence: d.evidence,
          doneOn: d.done_on,
          isDemo: d.is_demo === 1,
        })),
      };
    },
  );

  app.get(
    '/api/coordination/programmes',
    {
      config: { access: coordinationAccess },
      schema: {
        tags,
        summary: 'The OOK annual programmes with targets, quarterly progress and budget lines (staff)',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), region: Type.Optional(Type.String({ maxLength: 60 })), ...PagingQuery }),
        response: { 200: ListOf(ProgrammeSchema) },
      },
    },
    async (request) => {
      const { year, region, limit, offset } = request.query;
      const list = await q.listProgrammes(db, { year, regionId: region, limit, offset });
      const ids = list.items.map((p) => p.id);
      const [targets, lines] = await Promise.all([q.listTargets(db, ids), q.listBudgetLines(db, ids)]);
      const progress = await targetProgress(db, targets);
      return {
        total: list.total,
        items: list.items.map((p) => ({
          id: p.id,
          regionId: p.region_id,
          year: p.year,
          status: p.status,
          submittedAt: p.submitted_at,
          isDemo: p.is_demo === 1,
          targets: progress
            .filter((x) => x.target.programme_id === p.id)
            .map((x) => ({
              id: x.target.id,
              task: x.target.task,
              activity: x.target.activity,
              indicator: x.target.indicator,
              target: x.target.target,
              quarters: x.quarters,
              achieved: x.achieved,
              libraryIds: x.target.library_ids.split(',').filter(Boolean),
            })),
          budget: lines
            .filter((l) => l.programme_id === p.id)
            .map((l) => ({ task: l.task, costKind: l.cost_kind, description: l.description, plannedCents: l.planned_cents, spentCents: l.spent_cents })),
        })),
      };
    },
  );
}
