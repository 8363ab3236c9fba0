import type { VNode } from 'preact';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import type { libraryProfile } from '../service.js';
import { HoursTable, OpenNow, kindLabel, regionName } from './format.js';
import { mailtoHref, telHref } from '../contacts.js';
import { openState } from '../hours.js';
import { parseSources } from '../sources.js';
import { NetworkMap, type MapOutline } from './map.js';
import { LibraryAboutSection } from './library-about.js';
import type { LibraryAbout } from '../about.js';

type Profile = Awaited<ReturnType<typeof libraryProfile>>;

/** A library's public page: address, region, municipalities served, service points with hours, map. */
export function LibraryPage({
  ctx,
  profile,
  outline,
  canEdit,
  canEditPoints,
  about,
  now,
}: {
  ctx: PageContext;
  profile: Profile;
  outline: MapOutline | null;
  canEdit: boolean;
  canEditPoints: boolean;
  /** The library's description and photo (the files and text services). */
  about?: LibraryAbout;
  /** The moment "open now" is told for. */
  now: Date;
}): VNode {
  const { t } = ctx;
  const { library, region, municipalities, servicePoints, hours, centralLibrary } = profile;
  const population = municipalities.reduce((s, m) => s + (m.population ?? 0), 0);
  const located = servicePoints.filter((p) => p.lat !== null && p.lon !== null);
  return (
    <Layout
      ctx={ctx}
      title={library.name}
      breadcrumbs={[
        { href: '/', label: t('network.home.title') },
        { href: '/libraries', label: t('network.libraries.title') },
      ]}
    >
      <h1>{library.name}</h1>
      {library.former_name ? <p class="tag-line">{t('network.library.formerName', { name: library.former_name })}</p> : null}
      {library.is_ook === 1 ? <p class="tag-line">{t('network.library.isOok', { region: regionName(ctx, region) })}</p> : null}
      {canEdit || canEditPoints ? (
        <ul class="actions">
          {canEdit ? (
            <li>
              <a href={`/staff/libraries/${library.id}/edit`}>{t('network.library.edit')}</a>
            </li>
          ) : null}
          {canEditPoints ? (
            <li>
              <a href={`/staff/libraries/${library.id}/service-points/new`}>{t('network.servicePoint.add')}</a>
            </li>
          ) : null}
          {canEditPoints ? (
            <li>
              <a href={`/staff/libraries/${library.id}/about`}>{t('network.about.edit')}</a>
            </li>
          ) : null}
        </ul>
      ) : null}
      {about ? <LibraryAboutSection ctx={ctx} about={about} /> : null}
      <div class="columns">
        <section aria-labelledby="contact-h">
          <h2 id="contact-h">{t('network.library.contact')}</h2>
          <dl class="facts">
            <dt>{t('network.library.address')}</dt>
            <dd>
              {library.address ? (
                <>
                  {library.address}
                  {library.postal_code ? `, ${library.postal_code} ${library.post_name ?? ''}` : ''}
                </>
              ) : (
                t('network.library.addressUnknown')
              )}{' '}
              {library.address_is_demo === 1 ? <DemoBadge ctx={ctx} /> : null}
              {!library.address ? <MissingAddress ctx={ctx} library={library} centralLibrary={centralLibrary} canEdit={canEdit} /> : null}
            </dd>
            {library.website ? (
              <>
                <dt>{t('network.library.website')}</dt>
                <dd>
                  <a href={library.website} rel="external noopener">
                    {library.website}
                  </a>
                </dd>
              </>
            ) : null}
            {library.email ? (
              <>
                <dt>{t('network.library.email')}</dt>
                <dd>
                  <a href={mailtoHref(library.email)}>{library.email}</a>
                </dd>
              </>
            ) : null}
            {library.phone ? (
              <>
                <dt>{t('network.library.phone')}</dt>
                <dd>
                  <a href={telHref(library.phone)}>{library.phone}</a>
                </dd>
              </>
            ) : null}
            <dt>{t('network.library.region')}</dt>
            <dd>
              <a href={`/regions/${region.id}`}>{regionName(ctx, region)}</a>
            </dd>
            <dt>{t('network.library.population')}</dt>
            <dd>{ctx.i18n.number(population)}</dd>
          </dl>
        </section>
        <NetworkMap
          outline={outline}
          points={located.map((p) => ({ lat: p.lat!, lon: p.lon!, label: p.name, kind: p.kind === 'central' ? 'highlight' : 'point' }))}
          zoom
          label={t('network.library.mapLabel', { name: library.short_name, count: located.length })}
        />
      </div>

      <h2>{t('network.library.municipalitiesServed', { count: municipalities.length })}</h2>
      <ul class="inline-list">
        {municipalities.map((m) => (
          <li key={m.id}>
            <a href={`/municipalities/${m.id}`}>{m.name}</a>
          </li>
        ))}
      </ul>

      <h2>{t('network.library.servicePoints', { count: servicePoints.length })}</h2>
      {servicePoints.length === 0 ? <p class="empty-state">{t('network.library.noServicePoints')}</p> : null}
      {hours.length > 0 ? (
        <p class="calendar-link">
          <a href={`/libraries/${library.id}/hours.ics`} type="text/calendar">
            {t('network.hours.addToCalendar')}
          </a>
        </p>
      ) : null}
      <div class="cards">
        {servicePoints.map((p) => (
          <section class="card" key={p.id} aria-labelledby={`sp-${p.id}`}>
            <h3 id={`sp-${p.id}`}>{p.name}</h3>
            <p class="muted">
              {kindLabel(ctx, p.kind)}
              {p.settlement_name ? ` · ${p.settlement_name}` : ''}
              {p.address ? ` · ${p.address}` : ''} {p.is_demo === 1 ? <DemoBadge ctx={ctx} /> : null}
            </p>
            {p.phone || p.email ? (
              <p class="contacts">
                {p.phone ? (
                  <>
                    {t('network.library.phone')}: <a href={telHref(p.phone)}>{p.phone}</a>
                  </>
                ) : null}
                {p.phone && p.email ? ' · ' : null}
                {p.email ? (
                  <>
                    {t('network.library.email')}: <a href={mailtoHref(p.email)}>{p.email}</a>
                  </>
                ) : null}
              </p>
            ) : null}
            <OpenNow ctx={ctx} state={openState(hours.filter((h) => h.service_point_id === p.id), now)} />
            <HoursTable
              ctx={ctx}
              hours={hours.filter((h) => h.service_point_id === p.id)}
              caption={t('network.hours.caption', { name: p.name })}
              markDemo={p.is_demo !== 1}
            />
            {canEditPoints ? (
              <p>
                <a href={`/staff/service-points/${p.id}/edit`}>
                  {t('network.servicePoint.edit')}
                  <span class="visually-hidden">: {p.name}</span>
                </a>
              </p>
            ) : null}
          </section>
        ))}
      </div>
      {library.source ? (
        <details class="sources">
          <summary>{t('network.library.sources')}</summary>
          <ul>
            {parseSources(library.source).map((s, i) =>
              'url' in s ? (
                <li key={i}>
                  <a href={s.url} rel="external noopener">
                    {s.url}
                  </a>
                  {s.note ? (
                    <span class="source-note" lang="en">
                      {' '}
                      ({s.note})
                    </span>
                  ) : null}
                </li>
              ) : (
                <li key={i}>{s.text}</li>
              ),
            )}
          </ul>
          {/* The compilers' notes are kept as written (in English); the page says so and marks their language. */}
          {library.note ? (
            <p>
              {t('network.library.compilersNote')} <span lang="en">{library.note}</span>
            </p>
          ) : null}
        </details>
      ) : null}
    </Layout>
  );
}

/**
 * In place of a missing address: how to report it — to the region's central library (its page, and its
 * e-mail where known), and for the staff who may correct it, the form.
 */
function MissingAddress({
  ctx,
  library,
  centralLibrary,
  canEdit,
}: {
  ctx: PageContext;
  library: { id: string };
  centralLibrary: Profile['centralLibrary'];
  canEdit: boolean;
}): VNode {
  const { t } = ctx;
  const own = centralLibrary?.id === library.id;
  return (
    <p class="hint missing-address">
      {centralLibrary && !own ? (
        <>
          {t('network.library.addressReportCentral')} <a href={`/libraries/${centralLibrary.id}`}>{centralLibrary.name}</a>
          {centralLibrary.email ? (
            <>
              {' '}
              (<a href={mailtoHref(centralLibrary.email)}>{centralLibrary.email}</a>)
            </>
          ) : null}
          .
        </>
      ) : (
        t('network.library.addressReportLibrary')
      )}
      {canEdit ? (
        <>
          {' '}
          <a href={`/staff/libraries/${library.id}/edit`}>{t('network.library.addressEnter')}</a>
        </>
      ) : null}
    </p>
  );
}
