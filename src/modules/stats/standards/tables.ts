import type { Selectable } from 'kysely';

export interface StandardsProfileTable {
  id: string;
  version: number;
  /** The profile as JSON (see profile.ts). */
  content: string;
  created_by: string;
  created_at: string;
  /** `profile-id@version` this version or copy was made from. */
  based_on: string | null;
}

/** One unit price of a saved version of the prices (migration 0015); a save stores every unit. */
export interface StandardsPriceVersionTable {
  version: number;
  key: string;
  /** The first statistics year the version applies to; null: every year. */
  from_year: number | null;
  /** EUR × 100. */
  cents: number;
  created_by: string;
  created_at: string;
}

declare module '../../../db/schema.js' {
  interface Database {
    standards_profiles: StandardsProfileTable;
    standards_price_versions: StandardsPriceVersionTable;
  }
}

export type StandardsProfileRow = Selectable<StandardsProfileTable>;
export type StandardsPriceVersionRow = Selectable<StandardsPriceVersionTable>;
