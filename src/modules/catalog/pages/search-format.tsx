// Words the catalog's pages share: material types, language names, availability.
import type { VNode } from 'preact';
import type { PageContext } from '../../../web/page.js';
import type { MaterialType } from '../marc/index.js';
import type { NetworkLookup } from '../network-lookup.js';
import { decadeRange } from '../search-params.js';
import type { FacetName, HoldingStatus } from '../search/contract.js';

/** What naming things needs of a page's context (the JSON API has the same without a page). */
export type Words = Pick<PageContext, 't' | 'locale'>;

/** A material type in words ("Knjiga", "Book"). */
export const materialTypeLabel = (ctx: Words, type: MaterialType | string): string => ctx.t(`catalog.type.${type}`);

/** A holding's status in words. */
export const statusLabel = (ctx: Words, status: HoldingStatus): string => ctx.t(`catalog.status.${status}`);

const languageNames = new Map<string, Intl.DisplayNames>();

/**
 * A language's name in the reader's language from its ISO 639-2/B code (Intl knows the B codes
 * such as "ger" and "fre" as aliases); the code itself when Intl has no name for it.
 */
export function languageName(ctx: Words, code: string | null): string {
  if (!code || code === 'und') return ctx.t('catalog.language.unknown');
  let names = languageNames.get(ctx.locale);
  if (!names) languageNames.set(ctx.locale, (names = new Intl.DisplayNames([ctx.locale], { type: 'language', fallback: 'code' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "Available in 3 libraries", or, when no copy is free, how many libraries hold it. */
export function Availability({ ctx, libraries, available }: { ctx: PageContext; libraries: number; available: number }): VNode {
  return available > 0 ? (
    <p class="availability is-available">{ctx.t('catalog.hit.available', { count: available })}</p>
  ) : (
    <p class="availability is-unavailable">{ctx.t('catalog.hit.noneAvailable', { count: libraries })}</p>
  );
}

/** A facet value's label in the reader's language: a library's or region's name, a language, a type, a decade. */
export function facetValueLabel(ctx: Words, lookup: NetworkLookup, facet: FacetName, value: string): string {
  switch (facet) {
    case 'library':
      return lookup.libraryName(value);
    case 'region':
      return lookup.regionName(value, ctx.locale);
    case 'language':
      return languageName(ctx, value);
    case 'materialType':
      return materialTypeLabel(ctx, value);
    case 'decade': {
      const range = decadeRange(value);
      return range ? `${range.from}–${range.to}` : value;
    }
    case 'availability':
      return ctx.t(isAvailableValue(value) ? 'catalog.facet.availableNow' : 'catalog.facet.notAvailableNow');
  }
}

/** Whether a value of the availability facet counts the entries with a copy available now. */
export const isAvailableValue = (value: string) => value === 'available' || value === 'true' || value === '1';
