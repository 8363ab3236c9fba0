import type { VNode } from 'preact';
import { DemoBadge, withQuery, type PageContext } from '../../../web/page.js';
import { LineChart, type Series } from '../charts/svg.js';
import { fmt, fmtAlike, gapText, local, normText, percent, profileTitle, statusLabel } from '../compliance/format.js';
import type { Coverage } from '../compliance/service.js';
import { requiredValue, type AggregateResult, type IndicatorResult, type IndicatorStatus } from '../standards/engine.js';
import type { Indicator, StandardsProfile } from '../standards/profile.js';
import type { ProfileVersion } from '../standards/service.js';
import { TableScroll } from '../../../web/components.js';

const symbols: Record<IndicatorStatus, string> = { meets: '✓', below: '▼', farBelow: '▼▼', above: '▲', unknown: '?' };

/** The status as a symbol and a word (never colour alone). */
export function Status({ ctx, status }: { ctx: PageContext; status: IndicatorStatus }): VNode {
  return (
    <span class={`status status-${status}`}>
      <span aria-hidden="true">{symbols[status]} </span>
      {statusLabel(ctx, status)}
    </span>
  );
}

/**
 * The table of a profile's indicators with value, norm, required share, required value, status and gap.
 * A sentence before it says how the columns relate (the required share is what the rule asks of the
 * norm, not a level reached), and a norm the same for every library, whatever its size, says so.
 */
export function IndicatorTable({
  ctx,
  profile,
  results,
  caption,
}: {
  ctx: PageContext;
  profile: StandardsProfile;
  results: (IndicatorResult | AggregateResult)[];
  caption: string;
}): VNode {
  const byId = new Map(results.map((r) => [r.indicatorId, r]));
  const aggregate = results.some((r) => 'libraries' in r);
  return (
    <>
      <p class="muted">{ctx.t('compliance.table.howToRead')}</p>
      <TableScroll label={caption}>
      <table class="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('compliance.col.indicator')}</th>
            <th scope="col" class="num">
              {ctx.t('compliance.col.value')}
            </th>
            <th scope="col">{ctx.t('compliance.col.norm')}</th>
            <th scope="col" class="num">
              {ctx.t('compliance.col.fulfilment')}
            </th>
            <th scope="col" class="num">
              {ctx.t('compliance.col.required')}
            </th>
            <th scope="col">{ctx.t('compliance.col.status')}</th>
            <th scope="col">{aggregate ? ctx.t('compliance.col.gapLibraries') : ctx.t('compliance.col.gap')}</th>
            {aggregate ? (
              <th scope="col" class="num">
                {ctx.t('compliance.col.librariesMeeting')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {profile.indicators.map((indicator: Indicator) => {
            const r = byId.get(indicator.id);
            if (!r) return null;
            const alike = fmtAlike(ctx, [r.value, r.required.low, r.required.high]);
            return (
              <tr key={indicator.id}>
                <th scope="row">
                  {local(ctx, indicator.name)}
                  <br />
                  <small class="muted">{local(ctx, indicator.unit)}</small>
                </th>
                <td class="num">{alike(r.value)}</td>
                <td>
                  {normText(ctx, r.norm)}
                  {indicator.aggregate === 'perLibrary' ? (
                    <>
                      <br />
                      <small class="muted">{ctx.t('compliance.norm.everyLibrary')}</small>
                    </>
                  ) : null}
                </td>
                <td class="num">{percent(ctx, r.fulfilment)}</td>
                <td class="num">{r.required.high === null ? alike(r.required.low) : ctx.t('compliance.norm.range', { low: alike(r.required.low), high: alike(r.required.high) })}</td>
                <td>
                  <Status ctx={ctx} status={r.status} />
                </td>
                <td>{gapText(ctx, r.gap, r.gapUnit)}</td>
                {aggregate ? <td class="num">{'libraries' in r ? `${r.librariesMeeting} / ${r.libraries}` : ''}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      </TableScroll>
    </>
  );
}

/** The year and profile choice of a compliance page: a GET form, so it works without JavaScript. */
export function YearProfileForm({
  ctx,
  action,
  years,
  year,
  profiles,
  profileId,
  hidden = {},
}: {
  ctx: PageContext;
  action: string;
  years: number[];
  year: number;
  profiles: ProfileVersion[];
  profileId: string | undefined;
  hidden?: Record<string, string>;
}): VNode {
  return (
    <form method="get" action={action} class="filter-form">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div class="field">
        <label for="f-year">{ctx.t('compliance.filter.year')}</label>
        <select id="f-year" name="year">
          {years.map((y) => (
            <option key={y} value={String(y)} selected={y === year}>
              {String(y)}
            </option>
          ))}
        </select>
      </div>
      {profiles.length > 0 ? (
        <div class="field">
          <label for="f-profile">{ctx.t('compliance.filter.profile')}</label>
          <select id="f-profile" name="profile">
            {profiles.map((p) => (
              <option key={p.profile.id} value={p.profile.id} selected={p.profile.id === profileId}>
                {local(ctx, p.profile.name)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="form-actions">
        <button type="submit">{ctx.t('compliance.filter.show')}</button>
      </div>
    </form>
  );
}

/** Where the numbers come from and how to read them: shown under every compliance view. */
export function ProfileNote({ ctx, version }: { ctx: PageContext; version: ProfileVersion }): VNode {
  return (
    <section aria-labelledby="profile-note-h" class="note">
      <h2 id="profile-note-h">{ctx.t('compliance.profileNote.title')}</h2>
      <p>
        {ctx.t('compliance.profileNote.profile')} <a href={`/standards/${version.profile.id}?version=${version.version}`}>{profileTitle(ctx, version)}</a>.{' '}
        {ctx.t('compliance.profileNote.farBelow', { share: percent(ctx, version.profile.farBelow) })}
      </p>
      <p>{ctx.t('compliance.profileNote.population')}</p>
    </section>
  );
}

/**
 * The warning above an area's figures when too few of its libraries reported that year (under
 * COMPLETE_YEAR_SHARE): the pooled figures are those libraries', not the area's. Links the newest
 * complete year when it is another.
 */
export function IncompleteNote({
  ctx,
  coverage,
  year,
  area,
  latest,
}: {
  ctx: PageContext;
  coverage: Coverage;
  year: number;
  /** The region's name; the country when left out. */
  area?: string;
  /** The year the page shows by default, linked when it is not this one. */
  latest?: { year: number; href: string };
}): VNode | null {
  if (coverage.complete) return null;
  const { t } = ctx;
  const values = { year, reported: coverage.reported, total: coverage.total, name: area ?? '' };
  return (
    <div class="notice warning" role="note">
      <p>
        <strong>{t('compliance.incomplete.title')}</strong> {area === undefined ? t('compliance.incomplete.country', values) : t('compliance.incomplete.region', values)}
      </p>
      {latest && latest.year !== year ? (
        <p>
          <a href={latest.href}>{t('compliance.incomplete.latest', { year: latest.year })}</a>
        </p>
      ) : null}
    </div>
  );
}

/** Said above figures that include generated demonstration values. */
export function DemoNote({ ctx, show }: { ctx: PageContext; show: boolean }): VNode | null {
  if (!show) return null;
  return (
    <p class="notice" role="note">
      <DemoBadge ctx={ctx} /> {ctx.t('compliance.demoNote')}
    </p>
  );
}

/** "Choose an indicator:" and a link to each of a profile's indicators (same page, other indicator), the shown one in bold. */
export function IndicatorChooser({ ctx, indicators, current }: { ctx: PageContext; indicators: Indicator[]; current: string }): VNode {
  return (
    <p>
      {ctx.t('compliance.chart.choose')}{' '}
      {indicators.map((i, n) => (
        <span key={i.id}>
          {n > 0 ? ' · ' : ''}
          {i.id === current ? <strong>{local(ctx, i.name)}</strong> : <a href={withQuery(ctx.url, { indicator: i.id, lang: undefined })}>{local(ctx, i.name)}</a>}
        </span>
      ))}
    </p>
  );
}

/** Figures side by side: a row for each year or measure, a number column for each of library, region, country. */
export function FiguresTable({
  ctx,
  caption,
  first,
  columns,
  rows,
}: {
  ctx: PageContext;
  caption: string;
  first: string;
  columns: string[];
  rows: { key: string | number; label: string; values: (number | null)[] }[];
}): VNode {
  return (
    <TableScroll label={caption}>
    <table class="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          {columns.map((c, n) => (
            <th key={n} scope="col" class="num">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const alike = fmtAlike(ctx, r.values);
          return (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {r.values.map((v, n) => (
                <td key={n} class="num">
                  {alike(v)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
    </TableScroll>
  );
}

/** An indicator's value over the years as a line chart and the same figures as a table (library, region, country). */
export function TrendChartTable({
  ctx,
  id,
  title,
  desc,
  indicator,
  years,
  series,
}: {
  ctx: PageContext;
  id: string;
  title: string;
  desc: string;
  indicator: Indicator;
  years: number[];
  series: Series[];
}): VNode {
  const { t } = ctx;
  return (
    <div class="chart-with-table">
      <LineChart
        id={id}
        title={title}
        desc={desc}
        format={(n) => fmt(ctx, n)}
        xs={years}
        series={series}
        reference={indicator.aggregate === 'pooled' ? { value: requiredValue(indicator.norm, indicator.fulfilment).low, label: t('compliance.chart.required') } : undefined}
      />
      <FiguresTable
        ctx={ctx}
        caption={t('compliance.trend.tableCaption', { indicator: local(ctx, indicator.name) })}
        first={t('compliance.col.year')}
        columns={series.map((s) => s.name)}
        rows={years.map((year, n) => ({ key: year, label: String(year), values: series.map((s) => s.values[n] ?? null) }))}
      />
    </div>
  );
}
