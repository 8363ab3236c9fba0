import type { CurrentUser, Role } from '../../../web/access.js';
import type { PageContext } from '../../../web/page.js';
import type { LibraryOption, MunicipalityOption, RegionOption } from '../queries.js';

/** The role's name in the reader's language. */
export function roleLabel(ctx: PageContext, role: Role | string): string {
  return ctx.t(`accounts.role.${role}`);
}

export interface ScopeNames {
  regions: Map<string, RegionOption>;
  libraries: Map<string, LibraryOption>;
  municipalities?: Map<string, MunicipalityOption>;
}

export function scopeNames(options: { regions: RegionOption[]; libraries: LibraryOption[]; municipalities?: MunicipalityOption[] }): ScopeNames {
  return {
    regions: new Map(options.regions.map((r) => [r.id, r])),
    libraries: new Map(options.libraries.map((l) => [l.id, l])),
    municipalities: new Map((options.municipalities ?? []).map((m) => [m.id, m])),
  };
}

export function regionName(ctx: PageContext, r: RegionOption): string {
  return ctx.locale === 'en' ? r.name_en : r.name_sl;
}

/** What the account's role covers, in words: "All regions", "Region: Gorenjska", … */
export function scopeLabel(
  ctx: PageContext,
  u: Pick<CurrentUser, 'role' | 'regionId' | 'libraryId' | 'partnerName' | 'municipalityId'>,
  names: ScopeNames,
): string {
  switch (u.role) {
    case 'admin':
      return ctx.t('accounts.scope.all');
    case 'coordinator': {
      const r = u.regionId ? names.regions.get(u.regionId) : undefined;
      return ctx.t('accounts.scope.region', { name: r ? regionName(ctx, r) : (u.regionId ?? '—') });
    }
    case 'librarian': {
      const l = u.libraryId ? names.libraries.get(u.libraryId) : undefined;
      return ctx.t('accounts.scope.library', { name: l ? l.name : (u.libraryId ?? '—') });
    }
    case 'partner': {
      if (!u.municipalityId) return ctx.t('accounts.scope.partner', { name: u.partnerName ?? '—' });
      const m = names.municipalities?.get(u.municipalityId);
      return ctx.t('accounts.scope.partnerMunicipality', { name: u.partnerName ?? '—', municipality: m ? m.name : u.municipalityId });
    }
    default:
      return '—';
  }
}
