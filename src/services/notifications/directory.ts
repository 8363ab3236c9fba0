import type { Db } from '../../db/database.js';
import type { Locale } from '../../web/i18n.js';

/** What the notifications service knows of a person: where to write, how to greet, in which language. */
export interface Recipient {
  id: number;
  email: string;
  name: string;
  /** The person's language where their account stores one; null: their notification preference, else the site default. */
  locale: Locale | null;
  /** False for a disabled account: it gets in-app notifications but no e-mail. */
  active: boolean;
}

/**
 * Where the people come from. The service may not import a module, so `app.ts` wires this to
 * the accounts module's functions at start.
 */
export interface RecipientDirectory {
  /** The people with these ids (unknown ids are left out). */
  recipients(db: Db, ids: readonly number[]): Promise<Recipient[]>;
}
