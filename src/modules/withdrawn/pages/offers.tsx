import type { VNode } from 'preact';
import { EmptyState, ListResults, Pagination, SortHeader, TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, type FormErrors } from '../../../web/forms.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import type { OfferListRow } from '../queries.js';
import type { WithdrawnClaim, WithdrawnItem, WithdrawnOffer } from '../tables.js';
import { formatDay, TierName } from './parts.js';

export interface OffersPageProps {
  ctx: PageContext;
  offers: OfferListRow[];
  total: number;
  page: number;
  pageSize: number;
  show: 'open' | 'all';
  sort: string;
  libraryNames: Map<string, string>;
  canOffer: boolean;
}

/** The offers of withdrawn material: open ones (or all), with their library and window. */
export function OffersPage({ ctx, offers, total, page, pageSize, show, sort, libraryNames, canOffer }: OffersPageProps): VNode {
  const { t } = ctx;
  const caption = t('withdrawn.offers.caption');
  return (
    <Layout ctx={ctx} title={t('withdrawn.offers.title')}>
      <h1>{t('withdrawn.offers.title')}</h1>
      <p>{t('withdrawn.offers.intro')}</p>
      <p>
        {canOffer ? <a href="/withdrawn/offers/new">{t('withdrawn.offers.new')}</a> : null}
        {ctx.user ? (
          <>
            {canOffer ? ' · ' : null}
            <a href="/withdrawn/claims">{t('withdrawn.claims.title')}</a> · <a href="/withdrawn/account">{t('withdrawn.account.title')}</a>
          </>
        ) : null}
      </p>
      <form method="get" action="/withdrawn" class="filters">
        <label for="f-show">{t('withdrawn.offers.show')}</label>{' '}
        <select id="f-show" name="show">
          <option value="open" selected={show === 'open'}>
            {t('withdrawn.offers.showOpen')}
          </option>
          <option value="all" selected={show === 'all'}>
            {t('withdrawn.offers.showAll')}
          </option>
        </select>{' '}
        <button type="submit">{t('withdrawn.offers.filter')}</button>
      </form>
      <ListResults shown={offers.length} countText={t('withdrawn.offers.count', { count: total })} emptyText={t('withdrawn.offers.empty')}>
        <TableScroll label={caption}>
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('withdrawn.offer.title')}</th>
                <SortHeader ctx={ctx} column="library" label={t('withdrawn.offer.library')} sort={sort} order="asc" />
                <th scope="col" class="num">
                  {t('withdrawn.offer.titles')}
                </th>
                <th scope="col" class="num">
                  {t('withdrawn.offer.copies')}
                </th>
                <SortHeader ctx={ctx} column="closes" label={t('withdrawn.offer.window')} sort={sort} order="asc" />
                <th scope="col">{t('withdrawn.offer.status')}</th>
              </tr>
            </thead>
            <tbody>
              {offers.map((o) => (
                <tr key={o.id}>
                  <td>
                    <a href={`/withdrawn/offers/${o.id}`}>{o.title}</a> {o.is_demo ? <DemoBadge ctx={ctx} /> : null}
                  </td>
                  <td>{libraryNames.get(o.library_id) ?? o.library_id}</td>
                  <td class="num">{o.titles}</td>
                  <td class="num">{o.copies}</td>
                  <td>{t('withdrawn.offer.windowText', { from: formatDay(o.opens_on, ctx.locale), to: formatDay(o.closes_on, ctx.locale) })}</td>
                  <td>{t(`withdrawn.status.${o.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <Pagination ctx={ctx} page={page} pageSize={pageSize} total={total} />
      </ListResults>
    </Layout>
  );
}

export interface OfferPageProps {
  ctx: PageContext;
  offer: WithdrawnOffer;
  items: WithdrawnItem[];
  libraryName: string;
  municipalityNames: Map<string, string>;
  /** The claims the reader may see: all for the offering library's people, the claimer's own otherwise. */
  claims: WithdrawnClaim[];
  manage: boolean;
  /** Whom the reader claims for (a library or partner name), null when they cannot claim. */
  claimantName: string | null;
  /** With a claimant: the items it does not hold; `gaps` shows only those. */
  notHeld: Set<number> | null;
  gaps: boolean;
  openForClaims: boolean;
  errors: FormErrors;
  /** The item whose claim form failed, with its typed quantity. */
  failedItem?: number;
}

/** One offer: its items, the claim forms, and for the offering library the claims in priority order with confirm, pick-up and close. */
export function OfferPage(props: OfferPageProps): VNode {
  const { ctx, offer, items, libraryName, claims, manage, claimantName, notHeld, gaps, openForClaims, errors } = props;
  const { t } = ctx;
  const shown = gaps && notHeld ? items.filter((i) => notHeld.has(i.id)) : items;
  const caption = t('withdrawn.items.caption');
  const claimsOf = (itemId: number) => claims.filter((c) => c.item_id === itemId);
  return (
    <Layout ctx={ctx} title={offer.title} breadcrumbs={[{ href: '/withdrawn', label: t('withdrawn.offers.title') }]}>
      <h1>
        {offer.title} {offer.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <dl class="facts">
        <dt>{t('withdrawn.offer.library')}</dt>
        <dd>
          <a href={`/libraries/${offer.library_id}`}>{libraryName}</a>
        </dd>
        <dt>{t('withdrawn.offer.window')}</dt>
        <dd>{t('withdrawn.offer.windowText', { from: formatDay(offer.opens_on, ctx.locale), to: formatDay(offer.closes_on, ctx.locale) })}</dd>
        <dt>{t('withdrawn.offer.status')}</dt>
        <dd>{t(`withdrawn.status.${offer.status}`)}</dd>
        <dt>{t('withdrawn.offer.pickupPlace')}</dt>
        <dd>{offer.pickup_place}</dd>
        {offer.pickup_note ? (
          <>
            <dt>{t('withdrawn.offer.pickupNote')}</dt>
            <dd>{offer.pickup_note}</dd>
          </>
        ) : null}
        {offer.note ? (
          <>
            <dt>{t('withdrawn.offer.note')}</dt>
            <dd>{offer.note}</dd>
          </>
        ) : null}
      </dl>
      {claimantName ? (
        <p>
          {t('withdrawn.offer.claimingFor', { name: claimantName })}{' '}
          {notHeld ? (
            gaps ? (
              <a href={`/withdrawn/offers/${offer.id}`}>{t('withdrawn.offer.showAllItems')}</a>
            ) : (
              <a href={`/withdrawn/offers/${offer.id}?gaps=1`}>{t('withdrawn.offer.showGaps', { count: notHeld.size })}</a>
            )
          ) : null}
        </p>
      ) : null}
      <h2>{t('withdrawn.items.title')}</h2>
      {shown.length === 0 ? (
        <EmptyState message={t('withdrawn.items.empty')} />
      ) : (
        <TableScroll label={caption}>
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('withdrawn.item.title')}</th>
                <th scope="col">{t('withdrawn.item.author')}</th>
                <th scope="col" class="num">
                  {t('withdrawn.item.year')}
                </th>
                <th scope="col">{t('withdrawn.item.condition')}</th>
                <th scope="col" class="num">
                  {t('withdrawn.item.copies')}
                </th>
                {claimantName && openForClaims ? <th scope="col">{t('withdrawn.item.claim')}</th> : null}
                {manage || claims.length > 0 ? <th scope="col">{t('withdrawn.item.claims')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.id} id={`item-${item.id}`}>
                  <td>
                    {item.entry_id ? <a href={`/catalog/records/${item.entry_id}`}>{item.title}</a> : item.title}
                    {item.place_municipality_id ? <span class="hint"> {t('withdrawn.item.localStudies', { place: props.municipalityNames.get(item.place_municipality_id) ?? item.place_municipality_id })}</span> : null}
                    {notHeld && !notHeld.has(item.id) ? <span class="hint"> {t('withdrawn.item.held')}</span> : null}
                  </td>
                  <td>{item.author ?? ''}</td>
                  <td class="num">{item.year ?? ''}</td>
                  <td>{t(`withdrawn.condition.${item.condition}`)}</td>
                  <td class="num">{item.copies}</td>
                  {claimantName && openForClaims ? (
                    <td>
                      <form method="post" action={`/withdrawn/items/${item.id}/claim`} class="inline-form">
                        <CsrfField ctx={ctx} />
                        <label for={`q-${item.id}`}>{t('withdrawn.item.quantity', { title: item.title })}</label>{' '}
                        <input id={`q-${item.id}`} name="quantity" type="number" min="1" max={item.copies} value="1" inputMode="numeric" size={3} />{' '}
                        <button type="submit">{t('withdrawn.item.claimButton')}</button>
                      </form>
                    </td>
                  ) : null}
                  {manage || claims.length > 0 ? (
                    <td>
                      <ClaimList ctx={ctx} claims={claimsOf(item.id)} manage={manage} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {manage && offer.status === 'open' ? (
        <form method="post" action={`/withdrawn/offers/${offer.id}/confirm`}>
          <h2>{t('withdrawn.confirm.title')}</h2>
          <p>{t('withdrawn.confirm.intro')}</p>
          <CsrfField ctx={ctx} />
          <div class={errors.pickup_note ? 'field field-error' : 'field'}>
            <label for="f-pickup_note">{t('withdrawn.offer.pickupNote')}</label>
            {errors.pickup_note ? (
              <p class="error-message" id="f-pickup_note-error">
                {errors.pickup_note}
              </p>
            ) : null}
            <textarea id="f-pickup_note" name="pickup_note" rows={3} required aria-invalid={errors.pickup_note ? 'true' : undefined} aria-describedby={errors.pickup_note ? 'f-pickup_note-error' : undefined} />
          </div>
          <button type="submit">{t('withdrawn.confirm.button')}</button>
        </form>
      ) : null}
      {manage && offer.status === 'confirmed' ? (
        <form method="post" action={`/withdrawn/offers/${offer.id}/close`}>
          <h2>{t('withdrawn.close.title')}</h2>
          <p>{t('withdrawn.close.intro')}</p>
          <CsrfField ctx={ctx} />
          <button type="submit">{t('withdrawn.close.button')}</button>
        </form>
      ) : null}
    </Layout>
  );
}

function ClaimList({ ctx, claims, manage }: { ctx: PageContext; claims: WithdrawnClaim[]; manage: boolean }): VNode {
  const { t } = ctx;
  if (claims.length === 0) return <>{t('withdrawn.item.noClaims')}</>;
  return (
    <ol class="claim-list">
      {claims.map((c) => (
        <li key={c.id}>
          {c.claimer_name} ({t('withdrawn.claim.quantity', { count: c.quantity })}; <TierName ctx={ctx} tier={c.tier} />) — {t(`withdrawn.claimStatus.${c.status}`)}
          {c.status === 'granted' || c.status === 'collected' ? ` (${t('withdrawn.claim.granted', { count: c.granted })})` : null}
          {manage && c.status === 'granted' ? (
            <form method="post" action={`/withdrawn/claims/${c.id}/collected`} class="inline-form">
              <CsrfField ctx={ctx} />
              <button type="submit">{t('withdrawn.claim.collectedButton', { name: c.claimer_name })}</button>
            </form>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
