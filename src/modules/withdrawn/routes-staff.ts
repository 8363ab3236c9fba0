import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { exportFormatQuery, exportRowLimit, sendExport } from '../../services/exports/index.js';
import { AppError, forbidden, localizeFieldErrors, type FieldError } from '../../web/errors.js';
import { fieldErrorsOf, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { registerUploads } from '../../web/uploads.js';
import { entriesHeldBy, searchLibraryEntries } from '../catalog/index.js';
import { getLibraryRef, listLibraryRefs, listRegionRefs } from '../network/index.js';
import { AccountPage, ClaimsPage } from './pages/account.js';
import { accountExport } from './pages/exports.js';
import { NewOfferPage } from './pages/offer-form.js';
import { accountAccess, accountScope, canManageOffers, claimAccess, claimantOf, offerEditAccess } from './policy.js';
import * as q from './queries.js';
import { renderOfferPage } from './routes-pages.js';
import * as service from './service.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const maxCsvBytes = 2 * 1024 * 1024;

/** The staff pages: a new offer, claims and their actions, the decision, and the account. */
export async function registerWithdrawnStaffPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;

  /** The libraries a person may offer for: their own, their region's, or all. */
  const offerLibraries = async (request: FastifyRequest) => {
    const user = request.user!;
    const all = await listLibraryRefs(db, user.role === 'coordinator' ? { regionId: user.regionId ?? '-' } : user.role === 'librarian' ? { ids: user.libraryId ? [user.libraryId] : [] } : {});
    return all.filter((l) => canManageOffers(user, l)).map((l) => ({ id: l.id, name: l.name }));
  };

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, picked: number[], errors: FieldError[], status = 200) => {
    const ctx = pageContext(request, reply);
    const libraries = await offerLibraries(request);
    if (libraries.length === 0) throw forbidden();
    const library = libraries.find((l) => l.id === values.library_id)?.id ?? libraries[0]!.id;
    const text = values.q?.trim() ?? '';
    const found = text ? await searchLibraryEntries(db, library, text, 50) : [];
    const listErrors = { codes: [] as string[], csv: [] as string[] };
    for (const e of localizeFieldErrors(errors, ctx.i18n)) if (e.field === 'codes' || e.field === 'csv') listErrors[e.field].push(e.message);
    return sendPage(
      reply,
      h(NewOfferPage, {
        ctx,
        libraries,
        values: { ...values, library_id: library },
        errors: toFormErrors(errors, ctx),
        listErrors,
        found,
        picked,
        searched: text !== '',
        defaultCloses: service.addDays(new Date().toISOString().slice(0, 10), service.defaultWindowDays),
      }),
      status,
    );
  };

  app.get(
    '/withdrawn/offers/new',
    { config: { access: offerEditAccess }, schema: { querystring: Type.Object({ library_id: Type.Optional(Type.String({ maxLength: 60 })), q: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => renderForm(request, reply, { library_id: request.query.library_id ?? '', q: request.query.q ?? '' }, [], []),
  );

  // The form with its CSV: the token comes first, and the role is checked before the body is read.
  await app.register(async (scope) => {
    await registerUploads(scope, { attachFieldsToBody: 'keyValues', limits: { fileSize: maxCsvBytes, files: 1, fields: 400, parts: 401, fieldSize: 100_000 } });
    scope.post('/withdrawn/offers/new', { config: { access: offerEditAccess } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
      const entries = ([] as unknown[]).concat(body.entry ?? []).map((e) => Number(e)).filter((n) => Number.isInteger(n) && n > 0);
      const values = { library_id: field('library_id'), title: field('title'), pickup_place: field('pickup_place'), closes_on: field('closes_on'), note: field('note'), condition: field('condition'), copies: field('copies'), codes: field('codes') };
      const file = body.csv;
      let csv: string | null = null;
      if (Buffer.isBuffer(file) && file.length > 0) {
        csv = new TextDecoder('utf-8', { fatal: false }).decode(file);
        if (csv.includes('\uFFFD')) return renderForm(request, reply, values, entries, [{ field: 'csv', key: 'withdrawn.error.csv.encoding' }], 400);
      }
      const copies = values.copies === '' ? 1 : Number(values.copies);
      try {
        const id = await service.createOffer(db, request.user, {
          libraryId: values.library_id,
          title: values.title,
          pickupPlace: values.pickup_place,
          note: values.note,
          closesOn: values.closes_on || undefined,
          condition: values.condition || undefined,
          copies: Number.isFinite(copies) ? copies : Number.NaN,
          entryIds: entries,
          codes: values.codes,
          csv,
        });
        return reply.redirect(`/withdrawn/offers/${id}`, 303);
      } catch (error) {
        const { fields, status } = fieldErrorsOf(error);
        return renderForm(request, reply, values, entries, fields, status);
      }
    });
  });

  const offerError = async (request: FastifyRequest, reply: FastifyReply, offerId: number, error: unknown) => {
    if (error instanceof AppError && (error.code === 'validation' || error.code === 'conflict')) {
      const ctx = pageContext(request, reply);
      const fields = error.fields.length > 0 ? error.fields : [{ field: 'offer', key: error.detailKey ?? 'error.validation.detail' }];
      return renderOfferPage(deps, request, reply, offerId, { errors: toFormErrors(fields, ctx) }, error.status);
    }
    throw error;
  };

  app.post('/withdrawn/items/:id/claim', { config: { access: claimAccess }, schema: { params: IdParams, body: Type.Object({ quantity: Type.Optional(Type.String({ maxLength: 6 })) }) } }, async (request, reply) => {
    const item = await q.getItem(db, request.params.id);
    const quantity = Number(request.body.quantity ?? '1');
    try {
      await service.claimItem(db, request.user!, request.params.id, Number.isFinite(quantity) ? quantity : Number.NaN);
      return reply.redirect('/withdrawn/claims', 303);
    } catch (error) {
      if (!item) throw error;
      return offerError(request, reply, item.offer_id, error);
    }
  });

  app.post('/withdrawn/claims/:id/cancel', { config: { access: claimAccess }, schema: { params: IdParams } }, async (request, reply) => {
    await service.cancelClaim(db, request.user!, request.params.id);
    return reply.redirect('/withdrawn/claims', 303);
  });

  app.post('/withdrawn/claims/:id/holdings', { config: { access: claimAccess }, schema: { params: IdParams } }, async (request, reply) => {
    await service.addClaimToHoldings(deps, request.user!, request.params.id);
    return reply.redirect('/withdrawn/claims', 303);
  });

  app.post('/withdrawn/offers/:id/confirm', { config: { access: offerEditAccess }, schema: { params: IdParams, body: Type.Object({ pickup_note: Type.Optional(Type.String({ maxLength: 2000 })) }) } }, async (request, reply) => {
    try {
      await service.confirmOffer(db, request.user!, request.params.id, request.body.pickup_note ?? '');
      return reply.redirect(`/withdrawn/offers/${request.params.id}`, 303);
    } catch (error) {
      return offerError(request, reply, request.params.id, error);
    }
  });

  app.post('/withdrawn/offers/:id/close', { config: { access: offerEditAccess }, schema: { params: IdParams } }, async (request, reply) => {
    try {
      await service.closeOffer(db, request.user!, request.params.id);
      return reply.redirect(`/withdrawn/offers/${request.params.id}`, 303);
    } catch (error) {
      return offerError(request, reply, request.params.id, error);
    }
  });

  app.post('/withdrawn/claims/:id/collected', { config: { access: offerEditAccess }, schema: { params: IdParams } }, async (request, reply) => {
    const claim = await q.getClaim(db, request.params.id);
    try {
      await service.markCollected(db, request.user!, request.params.id);
      return reply.redirect(`/withdrawn/offers/${claim!.offer_id}`, 303);
    } catch (error) {
      if (!claim) throw error;
      return offerError(request, reply, claim.offer_id, error);
    }
  });

  app.get('/withdrawn/claims', { config: { access: claimAccess } }, async (request, reply) => {
    const user = request.user!;
    const claimant = claimantOf(user, await service.ookOfRegion(db, user.regionId));
    if (!claimant) throw forbidden();
    const claims = (claimant.kind === 'library' ? await q.listClaims(db, { claimerLibraryId: claimant.libraryId }) : await q.listClaims(db, { claimerUserId: user.id })).reverse();
    const [items, offers] = await Promise.all([q.listItemsByIds(db, claims.map((c) => c.item_id)), q.listOffersByIds(db, claims.map((c) => c.offer_id))]);
    const heldEntries = claimant.kind === 'library' ? await entriesHeldBy(db, claimant.libraryId, items.flatMap((i) => (i.entry_id === null ? [] : [i.entry_id]))) : new Set<number>();
    const claimantName = claimant.kind === 'library' ? ((await getLibraryRef(db, claimant.libraryId))?.name ?? claimant.libraryId) : claimant.name;
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      h(ClaimsPage, { ctx, claimantName, claims, items: new Map(items.map((i) => [i.id, i])), offers: new Map(offers.map((o) => [o.id, o])), heldEntries, isLibrary: claimant.kind === 'library' }),
    );
  });

  app.get(
    '/withdrawn/account',
    { config: { access: accountAccess }, schema: { querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })), format: exportFormatQuery }) } },
    async (request, reply) => {
      const scope = accountScope(request.user);
      if (!scope) throw forbidden();
      const years = await q.offerYears(db);
      const year = request.query.year ?? years[0] ?? new Date().getUTCFullYear();
      const rows = await q.accountRows(db, { year, ...scope });
      const [libraries, regions] = await Promise.all([listLibraryRefs(db, { ids: rows.map((r) => r.library_id) }), listRegionRefs(db)]);
      const ctx = pageContext(request, reply);
      const libraryName = new Map(libraries.map((l) => [l.id, l.name]));
      const regionName = new Map(regions.map((r) => [r.id, ctx.locale === 'sl' ? r.name_sl : r.name_en]));
      const named = rows
        .map((r) => ({ ...r, library_name: libraryName.get(r.library_id) ?? r.library_id, region_name: regionName.get(r.region_id) ?? r.region_id }))
        .sort((a, b) => a.region_name.localeCompare(b.region_name, ctx.locale) || a.library_name.localeCompare(b.library_name, ctx.locale));
      if (request.query.format) return sendExport(reply, request.query.format, `withdrawn-${year}`, accountExport(ctx, year, named.slice(0, exportRowLimit)));
      const byRegion = new Map<string, { region_name: string; offered: number; claimed: number; passed_on: number; discarded: number }>();
      for (const r of named) {
        const sum = byRegion.get(r.region_name) ?? { region_name: r.region_name, offered: 0, claimed: 0, passed_on: 0, discarded: 0 };
        sum.offered += r.offered;
        sum.claimed += r.claimed;
        sum.passed_on += r.passed_on;
        sum.discarded += r.discarded;
        byRegion.set(r.region_name, sum);
      }
      return sendPage(reply, h(AccountPage, { ctx, year, years, rows: named, regions: [...byRegion.values()] }));
    },
  );
}
