import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { Db } from '../../db/database.js';
import { renderMarkdown } from '../../services/text/index.js';
import { pageOffset } from '../../web/components.js';
import { forbidden, notFound, type FieldError } from '../../web/errors.js';
import { fieldErrorsOf, normaliseFormBody, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { listUsers, recipientsByIds } from '../accounts/index.js';
import { listRegionRefs } from '../network/index.js';
import { BoardPage, CoordinationHomePage, DecisionPage, GroupPage, MeetingPage, type Person } from './pages/governance.js';
import { canManageCoordination, canUpdateDecision, coordinationAccess, coordinationManageAccess } from './policy.js';
import * as q from './queries.js';
import * as service from './service.js';
import { decisionStatuses, type DecisionStatus } from './tables.js';

// The team and working groups, meetings, decisions and the accountability board (staff pages).

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const many = Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Array(Type.String({ maxLength: 20 }), { maxItems: 500 })]));
const GroupForm = Type.Object({ kind: text(20), name: text(400), remit: text(5000) });
const MemberForm = Type.Object({ user_id: text(20), member_role: text(100), term_from: text(20), term_to: text(20) });
const MeetingForm = Type.Object({ title: text(400), held_on: text(20), place: text(200), agenda: text(20_000) });
const MinutesForm = Type.Object({ minutes: text(60_000), attendees: many, preview: text(10) });
const DecisionForm = Type.Object({ title: text(1000), owner_id: text(20), due_on: text(20), region_id: text(60) });
const UpdateForm = Type.Object({ status: text(20), evidence: text(4000) });
const BoardQuery = Type.Object({
  group: Type.Optional(Type.Integer({ minimum: 1 })),
  region: Type.Optional(Type.String({ maxLength: 60 })),
  status: Type.Optional(Type.String({ enum: [...decisionStatuses] })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
});
const DecisionQuery = Type.Object({ reminded: Type.Optional(Type.String({ enum: ['sent', 'already'] })) });

type Values = Record<string, string | undefined>;
export const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const toId = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : NaN);
export const boardPageSize = 25;

/** The staff who may own a decision or sit in a group (library staff, not partners), by name. */
export async function staffPeople(db: Db): Promise<Person[]> {
  const { items } = await listUsers(db, { limit: 2000, offset: 0 });
  return items.filter((u) => u.role !== 'partner' && u.disabled === 0).map((u) => ({ id: u.id, name: u.name }));
}

export async function peopleNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  return new Map((await recipientsByIds(db, [...new Set(ids)])).map((p) => [p.id, p.name]));
}

export async function regionOptions(db: Db, locale: string) {
  return (await listRegionRefs(db)).map((r) => ({ id: r.id, name: locale === 'en' ? r.name_en : r.name_sl }));
}

/** Runs a change; its field errors come back for the form, anything else is thrown. */
async function attempt(work: () => Promise<unknown>): Promise<FieldError[]> {
  try {
    await work();
    return [];
  } catch (error) {
    return fieldErrorsOf(error).fields;
  }
}

export function registerCoordinationStaffPages(app: App, { db }: AppDeps): void {
  const home = async (request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors: FieldError[] = []) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, h(CoordinationHomePage, { ctx, groups: await q.listGroups(db), canManage: canManageCoordination(request.user), values, errors: toFormErrors(errors, ctx) }), errors.length ? 400 : 200);
  };

  const groupPage = async (request: FastifyRequest, reply: FastifyReply, id: number, values: Values = {}, errors: FieldError[] = []) => {
    const group = await q.getGroup(db, id);
    if (!group) throw notFound('coordination.group.notFound');
    const [members, meetings, staff] = await Promise.all([q.listMembers(db, id), q.listMeetings(db, id), staffPeople(db)]);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      h(GroupPage, {
        ctx,
        group,
        members,
        meetings,
        people: await peopleNames(
          db,
          members.map((m) => m.user_id),
        ),
        staff,
        canManage: canManageCoordination(request.user),
        outputsHtml: renderMarkdown(group.outputs, { topHeading: 3 }).html,
        values,
        errors: toFormErrors(errors, ctx),
      }),
      errors.length ? 400 : 200,
    );
  };

  const meetingPage = async (request: FastifyRequest, reply: FastifyReply, id: number, values: Values = {}, errors: FieldError[] = []) => {
    const meeting = await q.getMeeting(db, id);
    if (!meeting) throw notFound('coordination.meeting.notFound');
    const group = (await q.getGroup(db, meeting.group_id))!;
    const ctx = pageContext(request, reply);
    const [attendees, members, decisions, staff] = await Promise.all([
      q.listAttendance(db, id),
      q.listMembers(db, group.id),
      q.listDecisions(db, { meetingId: id, today: service.todayInLjubljana(), limit: 500, offset: 0 }),
      staffPeople(db),
    ]);
    const people = await peopleNames(db, [...attendees, ...members.map((m) => m.user_id), ...decisions.items.map((d) => d.owner_id)]);
    return sendPage(
      reply,
      h(MeetingPage, {
        ctx,
        meeting,
        group,
        agendaHtml: renderMarkdown(meeting.agenda, { topHeading: 3 }).html,
        minutesHtml: renderMarkdown(meeting.minutes, { topHeading: 3 }).html,
        attendees,
        members: members.map((m) => ({ id: m.user_id, name: people.get(m.user_id) ?? `#${m.user_id}` })),
        decisions: decisions.items,
        people,
        staff,
        regions: await regionOptions(db, ctx.locale),
        today: service.todayInLjubljana(),
        canManage: canManageCoordination(request.user),
        values,
        errors: toFormErrors(errors, ctx),
      }),
      errors.length ? 400 : 200,
    );
  };

  const decisionPage = async (request: FastifyRequest, reply: FastifyReply, id: number, options: { values?: Values; errors?: FieldError[]; reminded?: 'sent' | 'already' } = {}) => {
    const decision = await q.getDecision(db, id);
    if (!decision) throw notFound('coordination.decision.notFound');
    const meeting = (await q.getMeeting(db, decision.meeting_id))!;
    const ctx = pageContext(request, reply);
    const errors = options.errors ?? [];
    return sendPage(
      reply,
      h(DecisionPage, {
        ctx,
        decision,
        meeting,
        people: await peopleNames(db, [decision.owner_id]),
        today: service.todayInLjubljana(),
        canUpdate: canUpdateDecision(request.user, decision),
        canRemind: canManageCoordination(request.user),
        reminded: options.reminded,
        values: options.values ?? {},
        errors: toFormErrors(errors, ctx),
      }),
      errors.length ? 400 : 200,
    );
  };

  app.get('/staff/coordination', { config: { access: coordinationAccess } }, async (request, reply) => home(request, reply));

  app.post('/staff/coordination/groups', { config: { access: coordinationManageAccess }, schema: { body: GroupForm }, preValidation: normaliseFormBody() }, async (request, reply) => {
    const b = request.body;
    let id = 0;
    const errors = await attempt(async () => {
      id = (await service.createGroup(db, request.user!, { kind: b.kind ?? '', name: b.name ?? '', remit: b.remit })).id;
    });
    if (errors.length) return home(request, reply, b, errors);
    return reply.redirect(`/staff/coordination/groups/${id}`, 303);
  });

  app.get('/staff/coordination/groups/:id', { config: { access: coordinationAccess }, schema: { params: IdParams } }, async (request, reply) => groupPage(request, reply, request.params.id));

  app.post(
    '/staff/coordination/groups/:id/members',
    { config: { access: coordinationManageAccess }, schema: { params: IdParams, body: MemberForm }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const b = request.body;
      const errors = await attempt(() => service.addMember(db, request.user!, request.params.id, { userId: toId(b.user_id), role: b.member_role, termFrom: b.term_from, termTo: b.term_to ?? null }));
      if (errors.length) return groupPage(request, reply, request.params.id, b, errors);
      return reply.redirect(`/staff/coordination/groups/${request.params.id}`, 303);
    },
  );

  app.post(
    '/staff/coordination/groups/:id/meetings',
    { config: { access: coordinationManageAccess }, schema: { params: IdParams, body: MeetingForm }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const b = request.body;
      let id = 0;
      const errors = await attempt(async () => {
        id = (await service.createMeeting(db, request.user!, request.params.id, { title: b.title ?? '', heldOn: b.held_on ?? '', place: b.place, agenda: b.agenda })).id;
      });
      if (errors.length) return groupPage(request, reply, request.params.id, b, errors);
      return reply.redirect(`/staff/coordination/meetings/${id}`, 303);
    },
  );

  app.get('/staff/coordination/meetings/:id', { config: { access: coordinationAccess }, schema: { params: IdParams } }, async (request, reply) => meetingPage(request, reply, request.params.id));

  app.post(
    '/staff/coordination/meetings/:id/minutes',
    { config: { access: coordinationManageAccess }, schema: { params: IdParams, body: MinutesForm }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const b = request.body;
      const attendees = asList(b.attendees).map(Number).filter(Number.isInteger);
      const errors = await attempt(() => service.saveMinutes(db, request.user!, request.params.id, { minutes: b.minutes ?? '', attendees }));
      if (errors.length) return meetingPage(request, reply, request.params.id, { minutes: b.minutes }, errors);
      return reply.redirect(`/staff/coordination/meetings/${request.params.id}`, 303);
    },
  );

  app.post(
    '/staff/coordination/meetings/:id/decisions',
    { config: { access: coordinationManageAccess }, schema: { params: IdParams, body: DecisionForm }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const b = request.body;
      const errors = await attempt(() => service.createDecision(db, request.user!, request.params.id, { title: b.title ?? '', ownerId: toId(b.owner_id), dueOn: b.due_on ?? '', regionId: b.region_id ?? null }));
      if (errors.length) return meetingPage(request, reply, request.params.id, b, errors);
      return reply.redirect(`/staff/coordination/meetings/${request.params.id}`, 303);
    },
  );

  app.get('/staff/coordination/decisions/:id', { config: { access: coordinationAccess }, schema: { params: IdParams, querystring: DecisionQuery } }, async (request, reply) =>
    decisionPage(request, reply, request.params.id, { reminded: request.query.reminded as 'sent' | 'already' | undefined }),
  );

  app.post(
    '/staff/coordination/decisions/:id',
    { config: { access: coordinationAccess }, schema: { params: IdParams, body: UpdateForm }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const b = request.body;
      const decision = await q.getDecision(db, request.params.id);
      if (!decision) throw notFound('coordination.decision.notFound');
      if (!canUpdateDecision(request.user, decision)) throw forbidden();
      const errors = await attempt(() => service.updateDecision(db, request.user!, request.params.id, { status: (b.status ?? '') as DecisionStatus, evidence: b.evidence }));
      if (errors.length) return decisionPage(request, reply, request.params.id, { values: b, errors });
      return reply.redirect(`/staff/coordination/decisions/${request.params.id}`, 303);
    },
  );

  app.post('/staff/coordination/decisions/:id/remind', { config: { access: coordinationManageAccess }, schema: { params: IdParams } }, async (request, reply) => {
    const sent = await service.remindOwner(db, request.user!, request.params.id);
    return reply.redirect(`/staff/coordination/decisions/${request.params.id}?reminded=${sent ? 'sent' : 'already'}`, 303);
  });

  app.get('/staff/coordination/board', { config: { access: coordinationAccess }, schema: { querystring: BoardQuery } }, async (request, reply) => {
    const { page, offset } = pageOffset(request.query.page, boardPageSize);
    const today = service.todayInLjubljana();
    const filter = { group: request.query.group, region: request.query.region || undefined, status: request.query.status as DecisionStatus | undefined };
    const list = await q.listDecisions(db, { groupId: filter.group, regionId: filter.region, status: filter.status, today, limit: boardPageSize, offset });
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      h(BoardPage, {
        ctx,
        items: list.items,
        total: list.total,
        page,
        pageSize: boardPageSize,
        people: await peopleNames(
          db,
          list.items.map((d) => d.owner_id),
        ),
        groups: await q.listGroups(db),
        regions: await regionOptions(db, ctx.locale),
        filter,
        today,
      }),
    );
  });
}
