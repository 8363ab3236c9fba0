import type { Generated, Selectable } from 'kysely';

export interface HeritageCollectionTable {
  id: string;
  region_id: string;
  title_sl: string;
  title_en: string;
  description: string;
  is_demo: number;
  created_at: string;
}

export interface HeritageItemTable {
  id: Generated<number>;
  collection_id: string;
  region_id: string;
  title: string;
  type: string;
  licence: string;
  date_text: string | null;
  year_from: number | null;
  year_to: number | null;
  status: string;
  review_comment: string | null;
  library_id: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  datestamp: string | null;
  is_demo: number;
}

export interface HeritageItemValueTable {
  item_id: number;
  element: string;
  position: number;
  value: string;
  lang: string | null;
}

export interface HeritageItemPlaceTable {
  item_id: number;
  settlement_id: number;
}

export interface HeritageItemFileTable {
  item_id: number;
  file_id: number;
  position: number;
}

export interface HeritagePersonTable {
  id: Generated<number>;
  region_id: string;
  name: string;
  name_variants: string;
  birth_text: string | null;
  birth_year_from: number | null;
  birth_year_to: number | null;
  birth_settlement_id: number | null;
  death_text: string | null;
  death_year_from: number | null;
  death_year_to: number | null;
  death_settlement_id: number | null;
  biography: string;
  occupations: string;
  sources: string;
  status: string;
  review_comment: string | null;
  library_id: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  datestamp: string | null;
  is_demo: number;
}

export interface HeritagePersonWorkTable {
  person_id: number;
  position: number;
  catalog_entry_id: number | null;
  item_id: number | null;
  title: string;
}

export interface HeritagePersonRelationTable {
  person_id: number;
  related_id: number;
  note: string | null;
}

export interface HeritageHistoryTable {
  id: Generated<number>;
  entity: string;
  entity_id: number;
  action: string;
  status: string;
  comment: string | null;
  user_id: number | null;
  actor: string;
  at: string;
  snapshot: string;
}

declare module '../../db/schema.js' {
  interface Database {
    heritage_collections: HeritageCollectionTable;
    heritage_items: HeritageItemTable;
    heritage_item_values: HeritageItemValueTable;
    heritage_item_places: HeritageItemPlaceTable;
    heritage_item_files: HeritageItemFileTable;
    heritage_persons: HeritagePersonTable;
    heritage_person_works: HeritagePersonWorkTable;
    heritage_person_relations: HeritagePersonRelationTable;
    heritage_history: HeritageHistoryTable;
  }
}

export type HeritageCollection = Selectable<HeritageCollectionTable>;
export type HeritageItem = Selectable<HeritageItemTable>;
export type HeritageItemValue = Selectable<HeritageItemValueTable>;
export type HeritagePerson = Selectable<HeritagePersonTable>;
export type HeritageHistory = Selectable<HeritageHistoryTable>;

/** The 15 elements of the Dublin Core Metadata Element Set 1.1, in the order of the standard. */
export const dcElements = [
  'title',
  'creator',
  'subject',
  'description',
  'publisher',
  'contributor',
  'date',
  'type',
  'format',
  'identifier',
  'source',
  'language',
  'relation',
  'coverage',
  'rights',
] as const;
export type DcElement = (typeof dcElements)[number];

/** The DCMI Type Vocabulary terms an item may have (facet "type"). */
export const itemTypes = ['Image', 'StillImage', 'Text', 'Sound', 'MovingImage', 'PhysicalObject', 'Collection', 'Dataset', 'Event', 'InteractiveResource'] as const;

/** The licences an item's rights may name: Creative Commons, public domain marks, and in copyright. */
export const licences = {
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'PDM-1.0': 'https://creativecommons.org/publicdomain/mark/1.0/',
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC-BY-NC-4.0': 'https://creativecommons.org/licenses/by-nc/4.0/',
  'CC-BY-NC-SA-4.0': 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  'CC-BY-ND-4.0': 'https://creativecommons.org/licenses/by-nd/4.0/',
  'CC-BY-NC-ND-4.0': 'https://creativecommons.org/licenses/by-nc-nd/4.0/',
  InC: 'http://rightsstatements.org/vocab/InC/1.0/',
  'InC-EDU': 'http://rightsstatements.org/vocab/InC-EDU/1.0/',
} as const;
export type Licence = keyof typeof licences;

/** The editorial states: a contributor's draft, submitted for review, returned with comments, published, withdrawn. */
export const statuses = ['draft', 'submitted', 'returned', 'published', 'withdrawn'] as const;
export type Status = (typeof statuses)[number];
