import type { VNode } from 'preact';
import { TableScroll } from '../../../web/components.js';
import type { PageContext } from '../../../web/page.js';
import type { AreaCoverage, NamedSite, SuggestionRow, PopulationQuality } from '../service.js';
import type { SettlementPoint } from '../../network/index.js';
import { km, percent, QualityMark, scopeHref } from './format.js';
import { coverageTitle } from './coverage.js';

export interface SuggestPageProps {
  ctx: PageContext;
  coverage: AreaCoverage;
  steps: SuggestionRow[];
  k: number;
  km: number;
  includeStops: boolean;
  municipalityNames: Map<string, string>;
}

export function suggestTitle(ctx: PageContext, c: AreaCoverage): string {
  return ctx.t('access.suggest.title', { area: c.name ? (ctx.locale === 'en' ? c.name.en : c.name.sl) : '' });
}

export function SuggestPage({ ctx, coverage: c, steps, k, km: distance, includeStops, municipalityNames }: SuggestPageProps): VNode {
  const { t } = ctx;
  const total = c.points.population;
  const before = c.settlements.reduce((s, x) => (Math.min(x.km, includeStops ? x.busKm : Infinity) <= distance ? s + x.people : s), 0);
  let running = before;
  const points = c.sites.filter((s) => s.kind === 'point' && c.libraryIds.includes(s.library_id));
  return (
    <>
      <h1>{suggestTitle(ctx, c)}</h1>
      <p class="lead">{t('access.suggest.lead')}</p>
      <form method="get" class="access-suggest-form">
        <div class="field">
          <label for="access-k">{t('access.suggest.k')}</label>
          <input id="access-k" name="k" type="number" min="1" max="20" value={k} />
        </div>
        <div class="field">
          <label for="access-km">{t('access.suggest.km')}</label>
          <select id="access-km" name="km">
            {c.norm.bandsKm.map((b) => (
              <option value={b} selected={b === distance}>
                {t('access.km', { km: ctx.i18n.number(b) })}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <input id="access-stops" name="stops" type="checkbox" value="1" checked={includeStops} /> <label for="access-stops">{t('access.suggest.includeStops')}</label>
        </div>
        <button type="submit">{t('access.suggest.submit')}</button>
      </form>
      <p>{t('access.suggest.now', { people: ctx.i18n.number(before), share: percent(ctx, before, total), km: ctx.i18n.number(distance) })}</p>
      {steps.length === 0 ? (
        <p class="empty-state">{t('access.suggest.none')}</p>
      ) : (
        <>
          <TableScroll label={t('access.suggest.caption')}>
            <table class="data">
              <caption>{t('access.suggest.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" class="num">{t('access.suggest.step')}</th>
                  <th scope="col">{t('access.suggest.where')}</th>
                  <th scope="col" class="num">{t('access.suggest.gained')}</th>
                  <th scope="col" class="num">{t('access.suggest.after')}</th>
                </tr>
              </thead>
              <tbody>
                {steps.map((s, i) => {
                  running += s.gained;
                  return (
                    <tr key={s.settlement.id}>
                      <td class="num">{i + 1}</td>
                      <th scope="row">
                        <a href={`#step-${i + 1}`}>{s.settlement.name}</a> ({municipalityNames.get(s.settlement.municipality_id) ?? s.settlement.municipality_id})
                      </th>
                      <td class="num">{ctx.i18n.number(s.gained)}</td>
                      <td class="num">{percent(ctx, running, total)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          {steps.map((s, i) => {
            const caption = t('access.suggest.coversCaption', { step: i + 1, name: s.settlement.name });
            return (
              <section id={`step-${i + 1}`} key={s.settlement.id}>
                <h2>{caption}</h2>
                <TableScroll label={caption}>
                  <table class="data">
                    <caption>{caption}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('access.settlement')}</th>
                        <th scope="col" class="num">{t('access.people')}</th>
                        <th scope="col" class="num">{t('access.suggest.kmNow')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.covers.map((p) => (
                        <tr key={p.id}>
                          <th scope="row">{p.name}</th>
                          <td class="num">
                            {ctx.i18n.number(p.people)}
                            <QualityMark ctx={ctx} quality={p.quality} />
                          </td>
                          <td class="num">{km(ctx, includeStops ? Math.min(p.km, p.busKm) : p.km)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              </section>
            );
          })}
        </>
      )}
      <h2>{t('access.close.heading')}</h2>
      <p>{t('access.close.lead')}</p>
      <ul class="access-points">
        {points.map((p) => (
          <li key={p.id}>
            <a href={`/access/points/${p.id}/close?km=${distance}`}>{t('access.close.link', { name: p.name })}</a>
          </li>
        ))}
      </ul>
      <p>
        <a href={scopeHref(c.scope)}>{t('access.suggest.back', { area: coverageTitle(ctx, c) })}</a>
      </p>
    </>
  );
}

export interface ClosePageProps {
  ctx: PageContext;
  point: NamedSite;
  km: number;
  bands: number[];
  lost: { settlement: SettlementPoint & { people: number; quality: PopulationQuality }; kmAfter: number }[];
  municipalityNames: Map<string, string>;
}

export function ClosePage({ ctx, point, km: distance, bands, lost, municipalityNames }: ClosePageProps): VNode {
  const { t } = ctx;
  const people = lost.reduce((s, l) => s + l.settlement.people, 0);
  const caption = t('access.close.caption', { name: point.name, km: ctx.i18n.number(distance) });
  return (
    <>
      <h1>{t('access.close.title', { name: point.name })}</h1>
      <form method="get" class="access-suggest-form">
        <label for="access-close-km">{t('access.suggest.km')}</label>{' '}
        <select id="access-close-km" name="km">
          {bands.map((b) => (
            <option value={b} selected={b === distance}>
              {t('access.km', { km: ctx.i18n.number(b) })}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('access.area.show')}</button>
      </form>
      <p class="lead">{t('access.close.summary', { people: ctx.i18n.number(people), settlements: lost.length, km: ctx.i18n.number(distance) })}</p>
      {lost.length === 0 ? null : (
        <TableScroll label={caption}>
          <table class="data">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.settlement')}</th>
                <th scope="col">{t('access.municipality')}</th>
                <th scope="col" class="num">{t('access.people')}</th>
                <th scope="col" class="num">{t('access.close.after')}</th>
              </tr>
            </thead>
            <tbody>
              {lost.map((l) => (
                <tr key={l.settlement.id}>
                  <th scope="row">{l.settlement.name}</th>
                  <td>{municipalityNames.get(l.settlement.municipality_id) ?? l.settlement.municipality_id}</td>
                  <td class="num">
                    {ctx.i18n.number(l.settlement.people)}
                    <QualityMark ctx={ctx} quality={l.settlement.quality} />
                  </td>
                  <td class="num">{km(ctx, l.kmAfter)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p>
        <a href={`/access/libraries/${point.library_id}`}>{t('access.close.back')}</a>
      </p>
    </>
  );
}
