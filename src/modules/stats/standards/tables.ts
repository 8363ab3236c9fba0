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

export interface StandardsPriceTable {
  key: string;
  value: number;
  updated_by: string;
  updated_at: string;
}

declare module '../../../db/schema.js' {
  interface Database {
    standards_profiles: StandardsProfileTable;
    standards_prices: StandardsPriceTable;
  }
}

export type StandardsProfileRow = Selectable<StandardsProfileTable>;
