// The loans tests' people: a librarian of each library a request passes through, made through the
// accounts module's real createUser, with the CurrentUser the services take.
import type { Db } from '../db/database.js';
import { createUser } from '../modules/accounts/index.js';
import type { CurrentUser } from '../web/access.js';

/** A librarian account of a library (e-mail `<library>@loans.test`, password `geslo-<library>-123`), created once. */
export async function loansLibrarian(db: Db, libraryId: string): Promise<CurrentUser & { password: string }> {
  const email = `${libraryId}@loans.test`;
  const password = `geslo-${libraryId}-123`;
  let row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (!row) {
    await createUser(db, { email, name: `Knjižničar ${libraryId}`, password, role: 'librarian', regionId: null, libraryId, partnerName: null }, { id: null, email: 'test-setup' });
    row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  }
  return { id: row.id, email, name: `Knjižničar ${libraryId}`, role: 'librarian', regionId: null, libraryId, partnerName: null, password };
}
