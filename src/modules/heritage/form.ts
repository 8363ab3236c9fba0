import type { Db } from '../../db/database.js';
import { foldText } from '../../db/search-text.js';
import type { FieldError } from '../../web/errors.js';
import { listSettlementRefs, type SettlementRef } from '../network/index.js';
import type { DcValue, ItemInput, PersonInput } from './service.js';
import { dcElements, type DcElement } from './tables.js';

// Reading the staff forms (plain HTML forms, no JavaScript) into service inputs, and back.

export type FormBody = Record<string, string | string[] | undefined>;

const one = (body: FormBody, key: string): string => {
  const v = body[key];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};
const many = (body: FormBody, key: string): string[] => {
  const v = body[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
const lines = (text: string) => text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);

/** How a settlement is written in a form: "Kranj (Kranj)", its municipality in brackets. */
export function settlementLabel(s: Pick<SettlementRef, 'name' | 'municipality_name'>): string {
  return `${s.name} (${s.municipality_name})`;
}

/**
 * Settlements written by name, one per line or separated by semicolons ("Kranj; Bled", or "Jesenice (Jesenice)"
 * where two settlements share a name): their ids, or an error naming the field and the name not found or ambiguous.
 */
export async function resolveSettlements(db: Db, text: string, field: string): Promise<{ ids: number[]; errors: FieldError[] }> {
  const ids: number[] = [];
  const errors: FieldError[] = [];
  for (const raw of text.split(/[;\n]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^(.*?)\s*\(([^)]+)\)$/.exec(raw);
    const name = foldText(m ? m[1]! : raw);
    const municipality = m ? foldText(m[2]!) : null;
    const candidates = (await listSettlementRefs(db, { q: m ? m[1]! : raw, limit: 200 })).filter(
      (s) => foldText(s.name) === name && (municipality === null || foldText(s.municipality_name) === municipality),
    );
    if (candidates.length === 1) ids.push(candidates[0]!.id);
    else if (candidates.length === 0) errors.push({ field, key: 'heritage.error.placeUnknown', values: { name: raw } });
    else errors.push({ field, key: 'heritage.error.placeAmbiguous', values: { name: raw, options: candidates.map(settlementLabel).join('; ') } });
  }
  return { ids: [...new Set(ids)], errors };
}

/** The rows of one Dublin Core element in the form: dc.<element>.<n>.value / .lang. */
export function dcRowsFromBody(body: FormBody): DcValue[] {
  const values: DcValue[] = [];
  for (const element of dcElements) {
    for (let n = 0; n < 30; n++) {
      const value = one(body, `dc.${element}.${n}.value`);
      const lang = one(body, `dc.${element}.${n}.lang`);
      if (body[`dc.${element}.${n}.value`] === undefined && body[`dc.${element}.${n}.lang`] === undefined) continue;
      if (value) values.push({ element, value, lang: lang || null });
    }
  }
  return values;
}

export interface ItemFormValues {
  collection: string;
  type: string;
  licence: string;
  date: string;
  places: string;
  dc: DcValue[];
}

export function itemValuesFromBody(body: FormBody): ItemFormValues {
  return { collection: one(body, 'collection'), type: one(body, 'type'), licence: one(body, 'licence'), date: one(body, 'date'), places: one(body, 'places'), dc: dcRowsFromBody(body) };
}

/** The item form read into the service's input; place names that do not resolve come back as errors. */
export async function itemInputFromBody(db: Db, body: FormBody): Promise<{ input: ItemInput; values: ItemFormValues; errors: FieldError[] }> {
  const values = itemValuesFromBody(body);
  const places = await resolveSettlements(db, values.places, 'places');
  return {
    values,
    errors: places.errors,
    input: { collectionId: values.collection, type: values.type, licence: values.licence, dateText: values.date || null, values: values.dc, settlementIds: places.ids },
  };
}

export interface PersonFormValues {
  region: string;
  name: string;
  variants: string;
  birth: string;
  birthPlace: string;
  death: string;
  deathPlace: string;
  biography: string;
  occupations: string;
  sources: string;
  works: string;
  related: string[];
  /** Catalog entries ticked in the search results: "id|title". */
  pick: string[];
  catalogQ: string;
}

export function personValuesFromBody(body: FormBody): PersonFormValues {
  return {
    region: one(body, 'region'),
    name: one(body, 'name'),
    variants: one(body, 'variants'),
    birth: one(body, 'birth'),
    birthPlace: one(body, 'birthPlace'),
    death: one(body, 'death'),
    deathPlace: one(body, 'deathPlace'),
    biography: (Array.isArray(body.biography) ? body.biography[0] : body.biography) ?? '',
    occupations: one(body, 'occupations'),
    sources: one(body, 'sources'),
    works: one(body, 'works'),
    related: many(body, 'related').filter((s) => /^\d{1,9}$/.test(s)),
    pick: many(body, 'pick').filter((s) => /^\d{1,12}\|/.test(s)),
    catalogQ: one(body, 'catalogQ'),
  };
}

/** A work line: "[#123] Title" links the catalog entry 123; "[item 45] Title" a heritage item; otherwise a title alone. */
export function parseWorkLine(line: string): { catalogEntryId: number | null; itemId: number | null; title: string } {
  let m = /^\[#(\d{1,12})\]\s*(.*)$/.exec(line);
  if (m) return { catalogEntryId: Number(m[1]), itemId: null, title: m[2]! };
  m = /^\[item (\d{1,9})\]\s*(.*)$/i.exec(line);
  if (m) return { catalogEntryId: null, itemId: Number(m[1]), title: m[2]! };
  return { catalogEntryId: null, itemId: null, title: line };
}

export function workLine(w: { catalog_entry_id: number | null; item_id: number | null; title: string }): string {
  if (w.catalog_entry_id !== null) return `[#${w.catalog_entry_id}] ${w.title}`;
  if (w.item_id !== null) return `[item ${w.item_id}] ${w.title}`;
  return w.title;
}

export async function personInputFromBody(db: Db, body: FormBody): Promise<{ input: PersonInput; values: PersonFormValues; errors: FieldError[] }> {
  const values = personValuesFromBody(body);
  const birth = await resolveSettlements(db, values.birthPlace, 'birthPlace');
  const death = await resolveSettlements(db, values.deathPlace, 'deathPlace');
  const errors = [...birth.errors, ...death.errors];
  if (birth.ids.length > 1) errors.push({ field: 'birthPlace', key: 'heritage.error.onePlace' });
  if (death.ids.length > 1) errors.push({ field: 'deathPlace', key: 'heritage.error.onePlace' });
  const works = lines(values.works).map(parseWorkLine);
  for (const p of values.pick) {
    const [id, ...title] = p.split('|');
    if (!works.some((w) => w.catalogEntryId === Number(id))) works.push({ catalogEntryId: Number(id), itemId: null, title: title.join('|') });
  }
  return {
    values: { ...values, works: works.map((w) => workLine({ catalog_entry_id: w.catalogEntryId, item_id: w.itemId, title: w.title })).join('\n'), pick: [] },
    errors,
    input: {
      regionId: values.region,
      name: values.name,
      nameVariants: lines(values.variants),
      birthText: values.birth || null,
      birthSettlementId: birth.ids[0] ?? null,
      deathText: values.death || null,
      deathSettlementId: death.ids[0] ?? null,
      biography: values.biography,
      occupations: lines(values.occupations),
      sources: lines(values.sources),
      works,
      related: values.related.map((id) => ({ personId: Number(id), note: null })),
    },
  };
}

export const isDcElement = (s: string): s is DcElement => (dcElements as readonly string[]).includes(s);
