import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { pageOffset } from '../../web/components.js';
import { notFound } from '../../web/errors.js';
import type { FormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { getLibraryRef, listLibraryRefs, listMunicipalityRefs } from '../network/index.js';
import { OfferPage, OffersPage } from './pages/offers.js';
import { canManageOffers, claimantOf, offerEditAccess } from './policy.js';
import { claimOrder } from './priority.js';
import * as q from './queries.js';
import { itemsNotHeld, ookOfRegion } from './service.js';
import { isAllowed } from '../../web/access.js';

const pageSize = 25;
const today = () => new Date().toISOString().slice(0, 10);

/** Renders an offer's page for the reader (also after a failed claim or confirmation, with the errors). */
export async function renderOfferPage(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, offerId: number, extra: { errors?: FormErrors; gaps?: boolean } = {}, status = 200) {
  const { db } = deps;
  const offer = await q.getOffer(db, offerId);
  if (!offer) throw notFound('withdrawn.error.offerNotFound');
  const user = request.user;
  const [items, allClaims, library] = await Promise.all([q.listItems(db, offerId), q.listClaims(db, { offerId }), getLibraryRef(db, offer.library_id)]);
  const manage = canManageOffers(user, { id: offer.library_id, region_id: offer.region_id });
  const claimant = user ? claimantOf(user, await ookOfRegion(db, user.regionId)) : null;
  let claimantName: string | null = null;
  let notHeld: Set<number> | null = null;
  if (claimant?.kind === 'library' && claimant.libraryId !== offer.library_id) {
    claimantName = (await getLibraryRef(db, claimant.libraryId))?.name ?? claimant.libraryId;
    notHeld = await itemsNotHeld(db, claimant.libraryId, items);
  } else if (claimant?.kind === 'partner') claimantName = claimant.name;
  const visible = manage
    ? allClaims
    : allClaims.filter((c) => (claimant?.kind === 'library' ? c.claimer_library_id === claimant.libraryId : claimant?.kind === 'partner' && c.claimer_user_id === user!.id));
  const day = today();
  const municipalities = items.some((i) => i.place_municipality_id) ? await listMunicipalityRefs(db) : [];
  const ctx = pageContext(request, reply);
  return sendPage(
    reply,
    h(OfferPage, {
      ctx,
      offer,
      items,
      libraryName: library?.name ?? offer.library_id,
      municipalityNames: new Map(municipalities.map((m) => [m.id, m.name])),
      claims: claimOrder(visible.map((c) => ({ ...c, claimedAt: c.claimed_at }))),
      manage,
      claimantName,
      notHeld,
      gaps: extra.gaps ?? false,
      openForClaims: offer.status === 'open' && offer.opens_on <= day && day <= offer.closes_on,
      errors: extra.errors ?? {},
    }),
    status,
  );
}

/** The public pages: the offers and one offer. */
export function registerWithdrawnPages(app: App, deps: AppDeps): void {
  const { db } = deps;
  app.get(
    '/withdrawn',
    {
      config: { access: 'public' },
      schema: {
        querystring: Type.Object({
          show: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('all')])),
          sort: Type.Optional(Type.Union([Type.Literal('closes'), Type.Literal('library'), Type.Literal('newest')])),
          order: Type.Optional(Type.String({ maxLength: 4 })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        }),
      },
    },
    async (request, reply) => {
      const show = request.query.show ?? 'open';
      const sort = request.query.sort ?? 'closes';
      const { page, offset } = pageOffset(request.query.page, pageSize);
      const list = await q.listOffers(db, { openOn: show === 'open' ? today() : undefined, sort, limit: pageSize, offset });
      const libraries = await listLibraryRefs(db, { ids: [...new Set(list.items.map((o) => o.library_id))] });
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        h(OffersPage, { ctx, offers: list.items, total: list.total, page, pageSize, show, sort, libraryNames: new Map(libraries.map((l) => [l.id, l.name])), canOffer: isAllowed(offerEditAccess, request.user) }),
      );
    },
  );

  app.get(
    '/withdrawn/offers/:id',
    { config: { access: 'public' }, schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), querystring: Type.Object({ gaps: Type.Optional(Type.Literal('1')) }) } },
    async (request, reply) => renderOfferPage(deps, request, reply, request.params.id, { gaps: request.query.gaps === '1' }),
  );
}
