// Listeners for changes to what the network's public pages show. A page cache (the home page's)
// subscribes with onNetworkChanged and is cleared by every write path that calls networkChanged.
const listeners = new Set<() => void>();

/** Calls `listener` after each change to the network's public data; returns a function that stops it. */
export function onNetworkChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners (the home page cache) that the network's public data changed. */
export function networkChanged(): void {
  for (const listener of listeners) listener();
}
