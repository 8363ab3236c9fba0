// STUB — being written (network: regions, libraries, municipalities, service points).
import type { Db } from '../../db/database.js';
import type { App, AppDeps } from '../../web/types.js';

/** Loads a network folder (regions.csv, libraries.csv …) into the database. */
export async function loadNetwork(_db: Db, _dir: string): Promise<void> {}

export async function registerNetwork(_app: App, _deps: AppDeps): Promise<void> {}
