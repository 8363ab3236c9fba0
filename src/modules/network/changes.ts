import type { Db } from '../../db/database.js';

// Who wants to know that the network's data changed (caches of pages built from it). Keyed by
// database, so apps on different databases (tests) do not clear each other's caches.
const listeners = new WeakMap<Db, Set<() => void>>();

/** Calls `listener` after every change to the network's data in `db`; returns the unsubscribe. */
export function onNetworkChange(db: Db, listener: () => void): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/** Tells the listeners that the network's data in `db` changed; call it after the transaction commits. */
export function networkChanged(db: Db): void {
  for (const listener of listeners.get(db) ?? []) listener();
}
