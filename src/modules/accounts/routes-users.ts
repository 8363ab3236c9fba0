import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { Role } from '../../web/access.js';
import { AppError } from '../../web/errors.js';
import { fieldErrorsOf, formValidationErrors, toFormErrors, type FormErrors } from '../../web/forms.js';
import { pageOffset } from '../../web/components.js';
import { exportFormatQuery, exportRowLimit, sendExport } from '../../services/exports/index.js';
import { usersExport } from './pages/users-export.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { generatePassword } from './password.js';
import { scopeNames } from './pages/labels.js';
import { NewUserPage, type NewUserValues } from './pages/new-user.js';
import type { RoleValues } from './pages/role-fields.js';
import { UserPage } from './pages/user.js';
import { UsersPage } from './pages/users.js';
import { manageUsersAccess } from './policy.js';
import { createUser, getUser, listUsers, loginLockedUntil, minPasswordLength, scopeOptions, setDisabled, setPassword, setRole, unlockLogin } from './service.js';
import { PasswordShownPage } from './pages/password.js';

const pageSize = 50;

const text = (max: number) => Type.String({ default: '', maxLength: max });
const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  format: exportFormatQuery,
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const UserQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 20 })) });
const RoleBody = Type.Object({
  role: text(40),
  regionId: text(100),
  libraryId: text(100),
  partnerName: text(400),
  municipalityId: text(20),
  _csrf: Type.Optional(Type.String()),
});
const NewUserBody = Type.Object({
  email: text(400),
  name: text(400),
  password: text(1024),
  role: text(40),
  regionId: text(100),
  libraryId: text(100),
  partnerName: text(400),
  municipalityId: text(20),
  _csrf: Type.Optional(Type.String()),
});
const DisabledBody = Type.Object({ disabled: Type.Union([Type.Literal('0'), Type.Literal('1')]), _csrf: Type.Optional(Type.String()) });

const actorOf = (request: FastifyRequest) => ({ id: request.user!.id, email: request.user!.email });

function roleValues(body: Partial<Record<keyof RoleValues, unknown>>): RoleValues {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return { role: s(body.role), regionId: s(body.regionId), libraryId: s(body.libraryId), partnerName: s(body.partnerName), municipalityId: s(body.municipalityId) };
}

/** The admins' pages for accounts: list, create, change role, disable. */
export function registerUserRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  const config = { access: manageUsersAccess };

  app.get('/admin/users', { config, schema: { querystring: ListQuery, hide: true } }, async (request, reply) => {
    const search = request.query.q?.trim() ?? '';
    const { format } = request.query;
    // A download holds every account the search finds, not one page.
    const { page, offset } = pageOffset(format ? 1 : request.query.page, pageSize);
    const [{ items, total }, options] = await Promise.all([
      listUsers(db, { search, limit: format ? exportRowLimit : pageSize, offset }),
      scopeOptions(db),
    ]);
    const ctx = pageContext(request, reply);
    if (format) return sendExport(reply, format, 'users', usersExport(ctx, items, scopeNames(options)));
    return sendPage(reply, h(UsersPage, { ctx, users: items, total, page, pageSize, search, names: scopeNames(options) }));
  });

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, values: NewUserValues, errors: FormErrors, status = 200) => {
    const options = await scopeOptions(db);
    const ctx = pageContext(request, reply);
    return sendPage(reply, h(NewUserPage, { ctx, values, errors, ...options, minPasswordLength }), status);
  };

  app.get('/admin/users/new', { config, schema: { hide: true } }, async (request, reply) =>
    renderNew(request, reply, { email: '', name: '', role: 'librarian', regionId: '', libraryId: '', partnerName: '', municipalityId: '' }, {}),
  );

  app.post('/admin/users/new', { config, attachValidation: true, schema: { body: NewUserBody, hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Partial<Record<string, unknown>>;
    const values: NewUserValues = {
      email: typeof body.email === 'string' ? body.email : '',
      name: typeof body.name === 'string' ? body.name : '',
      ...roleValues(body),
    };
    const ctx = pageContext(request, reply);
    if (request.validationError) return renderNew(request, reply, values, toFormErrors(formValidationErrors(request), ctx), 400);
    const given = typeof body.password === 'string' ? body.password : '';
    const password = given === '' ? generatePassword() : given;
    try {
      const { id } = await createUser(
        db,
        // A generated password is the admin's as much as the person's: they choose their own at first login.
        {
          ...values,
          password,
          role: values.role as Role,
          regionId: values.regionId,
          libraryId: values.libraryId,
          partnerName: values.partnerName,
          municipalityId: values.municipalityId,
          mustChangePassword: given === '',
        },
        actorOf(request),
      );
      if (given === '') {
        return sendPage(
          reply,
          h(PasswordShownPage, { ctx, id, email: values.email.trim().toLowerCase(), password, titleKey: 'accounts.created.title', introKey: 'accounts.created.intro' }),
          201,
        );
      }
      return reply.redirect(`/admin/users/${id}?saved=created`, 303);
    } catch (err) {
      const { fields, status } = fieldErrorsOf(err);
      return renderNew(request, reply, values, toFormErrors(fields, ctx), status);
    }
  });

  const renderUser = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: { values?: RoleValues; errors?: FormErrors; saved?: string; status?: number },
  ) => {
    const [user, options] = await Promise.all([getUser(db, id), scopeOptions(db)]);
    const lockedUntil = await loginLockedUntil(db, user.email);
    const values = form.values ?? {
      role: user.role,
      regionId: user.region_id ?? '',
      libraryId: user.library_id ?? '',
      partnerName: user.partner_name ?? '',
      municipalityId: user.municipality_id ?? '',
    };
    const ctx = pageContext(request, reply);
    const page = h(UserPage, { ctx, user, values, errors: form.errors ?? {}, ...options, names: scopeNames(options), saved: form.saved, lockedUntil });
    return sendPage(reply, page, form.status ?? 200);
  };

  app.get('/admin/users/:id', { config, schema: { params: IdParams, querystring: UserQuery, hide: true } }, async (request, reply) =>
    renderUser(request, reply, request.params.id, { saved: request.query.saved }),
  );

  app.post(
    '/admin/users/:id/role',
    { config, attachValidation: true, schema: { params: IdParams, body: RoleBody, hide: true } },
    async (request, reply) => {
      const id = Number((request.params as { id: unknown }).id);
      if (!Number.isInteger(id) || id < 1) throw new AppError('not_found', 'accounts.error.userNotFound');
      const values = roleValues((request.body ?? {}) as Record<string, unknown>);
      const ctx = pageContext(request, reply);
      if (request.validationError) {
        return renderUser(request, reply, id, { values, errors: toFormErrors(formValidationErrors(request), ctx), status: 400 });
      }
      try {
        await setRole(db, id, values.role as Role, values, actorOf(request));
      } catch (err) {
        const { fields, status } = fieldErrorsOf(err);
        return renderUser(request, reply, id, { values, errors: toFormErrors(fields, ctx), status });
      }
      return reply.redirect(`/admin/users/${id}?saved=role`, 303);
    },
  );

  app.post(
    '/admin/users/:id/disabled',
    { config, schema: { params: IdParams, body: DisabledBody, hide: true } },
    async (request, reply) => {
      const id = request.params.id;
      try {
        await setDisabled(db, id, request.body.disabled === '1', actorOf(request));
      } catch (err) {
        const { fields, status } = fieldErrorsOf(err);
        return renderUser(request, reply, id, { errors: toFormErrors(fields, pageContext(request, reply)), status });
      }
      return reply.redirect(`/admin/users/${id}?saved=disabled`, 303);
    },
  );

  app.post(
    '/admin/users/:id/unlock',
    { config, schema: { params: IdParams, body: Type.Object({ _csrf: Type.Optional(Type.String()) }), hide: true } },
    async (request, reply) => {
      await unlockLogin(db, request.params.id, actorOf(request));
      return reply.redirect(`/admin/users/${request.params.id}?saved=unlocked`, 303);
    },
  );

  app.post(
    '/admin/users/:id/password',
    { config, schema: { params: IdParams, body: Type.Object({ _csrf: Type.Optional(Type.String()) }), hide: true } },
    async (request, reply) => {
      const user = await getUser(db, request.params.id);
      const password = generatePassword();
      await setPassword(db, user.id, password, actorOf(request), { mustChange: true });
      return sendPage(
        reply,
        h(PasswordShownPage, {
          ctx: pageContext(request, reply),
          id: user.id,
          email: user.email,
          password,
          titleKey: 'accounts.password.resetTitle',
          introKey: 'accounts.password.resetIntro',
        }),
      );
    },
  );
}
