import type { Generated, Selectable } from 'kysely';
import type { Role } from '../../web/access.js';

export interface UsersTable {
  id: Generated<number>;
  /** Lower case; unique. */
  email: string;
  name: string;
  /** scrypt$N$r$p$salt$hash (see password.ts); never leaves this module. */
  password_hash: string;
  role: Role;
  region_id: string | null;
  library_id: string | null;
  partner_name: string | null;
  /** The municipality a partner account stands for, if it is one (migration 0015): it sees that municipality's report. */
  municipality_id: string | null;
  /** 1 when the account may no longer log in. */
  disabled: Generated<number>;
  /** 1 while the password is one someone else chose (generated): it must be changed before any staff page. */
  must_change_password: Generated<number>;
  created_at: string;
  last_login_at: string | null;
  /** Name and e-mail folded (lower case, no diacritics) for search; see db/search-text.ts. */
  search_text: Generated<string>;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's token: a stolen table does not give working cookies. */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

/** Failed password logins of one typed e-mail address within the current window (migration 0010). */
export interface LoginFailuresTable {
  /** SHA-256 (hex) of the normalised e-mail, whether or not an account has it. */
  account_key: string;
  failures: number;
  /** When the counted failures began (ISO time). */
  window_start: string;
  /** Until when password login is refused for this address (ISO time), or null. */
  locked_until: string | null;
}

/** One request for a password reset by e-mail (migration 0015). */
export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  requested_at: string;
  /** The language of the page the request came from: the e-mail is written in it. */
  locale: string;
  /** SHA-256 (hex) of the e-mailed token; null until the e-mail job made it. The token itself is never stored. */
  token_hash: string | null;
  expires_at: string | null;
  /** When the token was used (single use). */
  used_at: string | null;
}

declare module '../../db/schema.js' {
  interface Database {
    users: UsersTable;
    accounts_password_resets: PasswordResetsTable;
    sessions: SessionsTable;
    login_failures: LoginFailuresTable;
  }
}

export type UserRow = Omit<Selectable<UsersTable>, 'search_text'>;
