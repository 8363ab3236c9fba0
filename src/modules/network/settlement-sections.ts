import type { VNode } from 'preact';
import type { PageContext } from '../../web/page.js';
import type { SettlementRef } from './queries.js';

/**
 * A section another module adds to a settlement's page (the heritage module: people born there, items
 * about it; the access module: the bibliobus's next visit). The network renders what the registered sections return and knows nothing of their data:
 * app.ts (through the other module's register function) fills the registry, so imports still run one way.
 */
export interface SettlementSection {
  /** Loads the section's content for one settlement; null shows nothing. */
  render(settlement: SettlementRef, ctx: PageContext): Promise<VNode<any> | null>;
}

const registries = new WeakMap<object, SettlementSection[]>();

/** Adds a section to the settlement pages of one app. */
export function addSettlementSection(app: object, section: SettlementSection): void {
  const list = registries.get(app) ?? [];
  list.push(section);
  registries.set(app, list);
}

/** The sections registered for an app, in the order they were added. */
export function settlementSections(app: object): readonly SettlementSection[] {
  return registries.get(app) ?? [];
}

/** A section another module adds to a municipality's page (the access module: the bibliobus stops and their next visit). */
export interface MunicipalitySection {
  /** Loads the section's content for one municipality; null shows nothing. */
  render(municipality: { id: string; name: string }, ctx: PageContext): Promise<VNode<any> | null>;
}

const municipalityRegistries = new WeakMap<object, MunicipalitySection[]>();

/** Adds a section to the municipality pages of one app. */
export function addMunicipalitySection(app: object, section: MunicipalitySection): void {
  municipalityRegistries.set(app, [...(municipalityRegistries.get(app) ?? []), section]);
}

/** The municipality sections registered for an app, in the order they were added. */
export function municipalitySections(app: object): readonly MunicipalitySection[] {
  return municipalityRegistries.get(app) ?? [];
}
