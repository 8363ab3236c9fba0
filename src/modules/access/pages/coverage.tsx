import type { VNode } from 'preact';
import { Pagination, TableScroll } from '../../../web/components.js';
import { DemoBadge, withQuery, type PageContext } from '../../../web/page.js';
import { coverageFigures, type CoverageFigures } from '../coverage.js';
import type { AreaCoverage, SettlementCoverage } from '../service.js';
import type { AccessStop } from '../tables.js';
import { bandColours, bandLabel, km, percent, QualityMark, scopeHref } from './format.js';
import { CoverageMap } from './map.js';

export interface AreaChoices {
  regions: { id: string; name: string }[];
  libraries: { id: string; name: string }[];
  municipalities: { id: string; name: string }[];
}

export interface CoveragePageProps {
  ctx: PageContext;
  coverage: AreaCoverage;
  choices: AreaChoices;
  beyondKm: number;
  page: number;
  pageSize: number;
  /** The stops inside the area with their next visit (YYYY-MM-DD). */
  stops: { stop: AccessStop; next: string; municipality: string }[];
  municipalityNames: Map<string, string>;
}

export function coverageTitle(ctx: PageContext, c: AreaCoverage): string {
  if (!c.name) return ctx.t('access.coverage.titleCountry');
  return ctx.t('access.coverage.title', { area: ctx.locale === 'en' ? c.name.en : c.name.sl });
}

function FiguresTable({ ctx, c }: { ctx: PageContext; c: AreaCoverage }): VNode {
  const { t } = ctx;
  const caption = t('access.figures.caption');
  const row = (f: CoverageFigures, band: number) => [f.withinKm[String(band)] ?? 0, f.population] as const;
  return (
    <TableScroll label={caption}>
      <table class="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('access.figures.distance')}</th>
            <th scope="col" class="num">{t('access.figures.pointsPeople')}</th>
            <th scope="col" class="num">{t('access.figures.share')}</th>
            <th scope="col" class="num">{t('access.figures.stopsPeople')}</th>
            <th scope="col" class="num">{t('access.figures.share')}</th>
          </tr>
        </thead>
        <tbody>
          {c.norm.bandsKm.map((band) => {
            const [p, total] = row(c.points, band);
            const [s] = row(c.stops, band);
            return (
              <tr key={band}>
                <th scope="row">{t('access.figures.within', { km: ctx.i18n.number(band) })}</th>
                <td class="num">{ctx.i18n.number(p)}</td>
                <td class="num">{percent(ctx, p, total)}</td>
                <td class="num">{ctx.i18n.number(s)}</td>
                <td class="num">{percent(ctx, s, total)}</td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">{t('access.figures.median')}</th>
            <td class="num" colSpan={2}>{km(ctx, c.points.medianKm)}</td>
            <td class="num" colSpan={2}>{km(ctx, c.stops.medianKm)}</td>
          </tr>
          <tr>
            <th scope="row">{t('access.figures.p90')}</th>
            <td class="num" colSpan={2}>{km(ctx, c.points.p90Km)}</td>
            <td class="num" colSpan={2}>{km(ctx, c.stops.p90Km)}</td>
          </tr>
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Each municipality of a region or a library's area: people, the share within each band, the median distance. */
function MunicipalityLines({ ctx, c, names }: { ctx: PageContext; c: AreaCoverage; names: Map<string, string> }): VNode {
  const { t } = ctx;
  const groups = new Map<string, SettlementCoverage[]>();
  for (const s of c.settlements) {
    let list = groups.get(s.municipality_id);
    if (!list) groups.set(s.municipality_id, (list = []));
    list.push(s);
  }
  const rows = [...groups.entries()]
    .map(([id, settlements]) => {
      const places = settlements.map((s) => ({ id: s.id, lat: s.lat, lon: s.lon, population: s.people }));
      return { id, name: names.get(id) ?? id, figures: coverageFigures(places, settlements, c.norm.bandsKm) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'sl'));
  const caption = t('access.municipalities.caption');
  return (
    <TableScroll label={caption}>
      <table class="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('access.municipality')}</th>
            <th scope="col" class="num">{t('access.people')}</th>
            {c.norm.bandsKm.map((b) => (
              <th scope="col" class="num" key={b}>
                {t('access.figures.within', { km: ctx.i18n.number(b) })}
              </th>
            ))}
            <th scope="col" class="num">{t('access.municipalities.median')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a href={`/access/municipalities/${r.id}`}>{r.name}</a>
              </th>
              <td class="num">{ctx.i18n.number(r.figures.population)}</td>
              {c.norm.bandsKm.map((b) => (
                <td class="num" key={b}>
                  {percent(ctx, r.figures.withinKm[String(b)] ?? 0, r.figures.population)}
                </td>
              ))}
              <td class="num">{km(ctx, r.figures.medianKm)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function AreaForm({ ctx, choices }: { ctx: PageContext; choices: AreaChoices }): VNode {
  const { t } = ctx;
  const select = (name: string, label: string, items: { id: string; name: string }[]) => (
    <form method="get" action="/access" class="access-area-form">
      <label for={`access-${name}`}>{label}</label>{' '}
      <select id={`access-${name}`} name={name}>
        {items.map((i) => (
          <option value={i.id}>{i.name}</option>
        ))}
      </select>{' '}
      <button type="submit">{t('access.area.show')}</button>
    </form>
  );
  return (
    <details class="access-areas">
      <summary>{t('access.area.choose')}</summary>
      {select('regionId', t('access.area.region'), choices.regions)}
      {select('libraryId', t('access.area.library'), choices.libraries)}
      {select('municipalityId', t('access.area.municipality'), choices.municipalities)}
    </details>
  );
}

function BeyondTable({ ctx, rows, beyondKm, page, pageSize, municipalityNames }: { ctx: PageContext; rows: SettlementCoverage[]; beyondKm: number; page: number; pageSize: number; municipalityNames: Map<string, string> }): VNode {
  const { t } = ctx;
  const caption = t('access.beyond.caption', { km: ctx.i18n.number(beyondKm), count: rows.length });
  const shown = rows.slice((page - 1) * pageSize, page * pageSize);
  if (rows.length === 0) return <p class="empty-state">{t('access.beyond.none', { km: ctx.i18n.number(beyondKm) })}</p>;
  return (
    <>
      <TableScroll label={caption}>
        <table class="data">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('access.settlement')}</th>
              <th scope="col">{t('access.municipality')}</th>
              <th scope="col" class="num">{t('access.people')}</th>
              <th scope="col" class="num">{t('access.distance')}</th>
              <th scope="col">{t('access.nearestPoint')}</th>
              <th scope="col" class="num">{t('access.distanceStop')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>
                  <a href={`/access/municipalities/${s.municipality_id}`}>{municipalityNames.get(s.municipality_id) ?? s.municipality_id}</a>
                </td>
                <td class="num">
                  {ctx.i18n.number(s.people)}
                  <QualityMark ctx={ctx} quality={s.quality} />
                </td>
                <td class="num">{km(ctx, s.km)}</td>
                <td>{s.nearest?.name ?? '—'}</td>
                <td class="num">{km(ctx, s.busKm)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Pagination ctx={ctx} page={page} pageSize={pageSize} total={rows.length} />
    </>
  );
}

export function CoveragePage(props: CoveragePageProps): VNode {
  const { ctx, coverage: c, beyondKm, stops } = props;
  const { t } = ctx;
  const bands = c.norm.bandsKm;
  const target = c.targetShare;
  const beyond = c.settlements.filter((s) => s.km > beyondKm).sort((a, b) => b.people - a.people || a.name.localeCompare(b.name, 'sl'));
  const perBand = bands.map((_, i) => i).concat([bands.length]).map((i) => {
    const inBand = c.settlements.filter((s) => s.band === i);
    return { i, settlements: inBand.length, people: inBand.reduce((sum, s) => sum + s.people, 0) };
  });
  const marked = { estimate: c.settlements.filter((s) => s.quality === 'estimate').length, missing: c.settlements.filter((s) => s.quality === 'missing').length };
  const title = coverageTitle(ctx, c);
  const canSuggest = c.scope.kind === 'region' || c.scope.kind === 'library';
  return (
    <>
      <h1>{title}</h1>
      <p class="lead">{t('access.coverage.lead')}</p>
      <AreaForm ctx={ctx} choices={props.choices} />
      <FiguresTable ctx={ctx} c={c} />
      <p>
        {target === null
          ? null
          : t(target >= c.norm.targetShare ? 'access.norm.met' : 'access.norm.notMet', {
              share: percent(ctx, c.norm.targetShare, 1),
              km: ctx.i18n.number(c.norm.targetKm),
              now: percent(ctx, target, 1),
              version: c.norm.version,
            })}
      </p>
      {canSuggest ? (
        <p>
          <a href={`${scopeHref(c.scope)}/suggest`}>{t('access.suggest.link')}</a>
        </p>
      ) : null}
      {c.scope.kind === 'region' || c.scope.kind === 'library' ? (
        <>
          <h2>{t('access.municipalities.heading')}</h2>
          <MunicipalityLines ctx={ctx} c={c} names={props.municipalityNames} />
        </>
      ) : null}
      <h2>{t('access.map.heading')}</h2>
      <div class="access-map-with-table">
        <CoverageMap
          ctx={ctx}
          title={t('access.map.title', { area: title })}
          dots={c.settlements.map((s) => ({ lat: s.lat, lon: s.lon, band: s.band, label: s.name }))}
          sites={c.sites.map((s) => ({ lat: s.lat, lon: s.lon, kind: s.kind, label: s.name }))}
        />
        <TableScroll label={t('access.map.tableCaption')}>
          <table class="data">
            <caption>{t('access.map.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.map.band')}</th>
                <th scope="col" class="num">{t('access.map.settlements')}</th>
                <th scope="col" class="num">{t('access.people')}</th>
              </tr>
            </thead>
            <tbody>
              {perBand.map((b) => (
                <tr key={b.i}>
                  <th scope="row">
                    <span class="access-swatch" style={`background:${bandColours[Math.min(b.i, bandColours.length - 1)]}`} aria-hidden="true" /> {bandLabel(ctx, bands, b.i)}
                  </th>
                  <td class="num">{ctx.i18n.number(b.settlements)}</td>
                  <td class="num">{ctx.i18n.number(b.people)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
      <p class="hint">{t('access.map.legend')}</p>
      <h2 id="beyond">{t('access.beyond.heading')}</h2>
      <form method="get" action="#beyond" class="access-beyond-form">
        <label for="access-beyond">{t('access.beyond.label')}</label>{' '}
        <select id="access-beyond" name="beyondKm">
          {bands.map((b) => (
            <option value={b} selected={b === beyondKm}>
              {t('access.km', { km: ctx.i18n.number(b) })}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('access.area.show')}</button>
      </form>
      <BeyondTable ctx={ctx} rows={beyond} beyondKm={beyondKm} page={props.page} pageSize={props.pageSize} municipalityNames={props.municipalityNames} />
      {marked.estimate + marked.missing > 0 ? <p class="hint">{t('access.quality.note', { estimate: marked.estimate, missing: marked.missing })}</p> : null}
      {c.scope.kind === 'country' ? null : (
        <>
          <h2>{t('access.stops.heading')}</h2>
          {stops.length === 0 ? (
            <p class="empty-state">{t('access.stops.none')}</p>
          ) : (
            <StopsTable ctx={ctx} stops={stops} />
          )}
        </>
      )}
      <p class="hint">
        <a href={withQuery('/api/access/coverage', c.scope.kind === 'country' ? {} : { [`${c.scope.kind}Id`]: c.scope.id })}>{t('access.api.link')}</a>
      </p>
    </>
  );
}

/** Bibliobus stops with their timetable and next visit; the municipality column only where the rows have one. */
export function StopsTable({ ctx, stops }: { ctx: PageContext; stops: { stop: AccessStop; next: string; municipality?: string }[] }): VNode {
  const { t } = ctx;
  const withMunicipality = stops.some((s) => s.municipality !== undefined);
  return (
    <TableScroll label={t('access.stops.caption')}>
      <table class="data">
        <caption>{t('access.stops.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('access.stops.name')}</th>
            {withMunicipality ? <th scope="col">{t('access.municipality')}</th> : null}
            <th scope="col">{t('access.stops.when')}</th>
            <th scope="col">{t('access.stops.next')}</th>
          </tr>
        </thead>
        <tbody>
          {stops.map(({ stop, next, municipality }) => (
            <tr key={stop.id}>
              <th scope="row">
                {stop.name} {stop.is_demo ? <DemoBadge ctx={ctx} /> : null}
              </th>
              {withMunicipality ? <td>{municipality}</td> : null}
              <td>{t('access.stops.every', { days: stop.every_days, from: stop.time_from, to: stop.time_to })}</td>
              <td>{ctx.i18n.date(`${next}T12:00:00Z`, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The section the access module adds to a settlement's and a municipality's page: the bibliobus stops there. */
export function StopsSection({ ctx, stops }: { ctx: PageContext; stops: { stop: AccessStop; next: string }[] }): VNode {
  return (
    <section aria-labelledby="access-stops-heading">
      <h2 id="access-stops-heading">{ctx.t('access.section.heading')}</h2>
      <StopsTable ctx={ctx} stops={stops} />
    </section>
  );
}
