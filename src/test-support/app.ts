import crypto from 'node:crypto';
import path from 'node:path';
import { buildApp, type BuildAppOptions } from '../app.js';
import { loadConfig, projectRoot, type Config } from '../config.js';
import type { DatabaseHandle, Db, Dialect } from '../db/database.js';
import type { Role } from '../web/access.js';
import type { App } from '../web/types.js';
import { createUser } from '../modules/accounts/index.js';
import { loadNetwork } from '../modules/network/index.js';
import { openTestDatabase } from './databases.js';
import { TestClient } from './http.js';

/** One test account per role, with the scope it needs: Kranj's region and library. */
export const testUsers: Record<Role, { email: string; password: string; regionId?: string; libraryId?: string; partnerName?: string }> = {
  admin: { email: 'admin@test.si', password: 'admin-geslo-123' },
  coordinator: { email: 'koordinator@test.si', password: 'koord-geslo-123', regionId: 'kranj' },
  librarian: { email: 'knjiznicar@test.si', password: 'knjiz-geslo-123', libraryId: 'kranj' },
  partner: { email: 'partner@test.si', password: 'partner-geslo-123', partnerName: 'Gorenjski muzej' },
};

export interface TestApp {
  app: App;
  db: Db;
  database: DatabaseHandle;
  config: Config;
  /** A fresh client, logged in as the given role when one is named. */
  client(role?: Role): Promise<TestClient>;
  close(): Promise<void>;
}

/**
 * Builds the whole app on a fresh test database with the Slovenian network and one user per role.
 * Logins are not rate-limited in practice (tests log in often from one address) unless `overrides` says so.
 */
export async function buildTestApp(dialect: Dialect, overrides: Partial<Config> = {}, options: Pick<BuildAppOptions, 'statValues'> = {}): Promise<TestApp> {
  const database = await openTestDatabase(dialect);
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: 'silent' }),
    networkDir: path.join(projectRoot, 'data', 'networks', 'si'),
    loginRateLimit: 10_000,
    ...overrides,
  };
  await loadNetwork(database.db, config.networkDir);
  for (const [role, u] of Object.entries(testUsers) as [Role, (typeof testUsers)[Role]][]) {
    await createUser(
      database.db,
      {
        email: u.email,
        name: `Test ${role}`,
        password: u.password,
        role,
        regionId: u.regionId ?? null,
        libraryId: u.libraryId ?? null,
        partnerName: u.partnerName ?? null,
      },
      { id: null, email: 'test-setup' },
    );
  }
  const app = await buildApp({ config, database, secret: crypto.randomBytes(32).toString('hex'), logger: false, ...options });
  return {
    app,
    db: database.db,
    database,
    config,
    async client(role) {
      const client = new TestClient(app);
      if (role) {
        const response = await client.login(testUsers[role].email, testUsers[role].password);
        if (response.statusCode !== 303) throw new Error(`login as ${role} failed: ${response.statusCode} ${response.body.slice(0, 300)}`);
      }
      return client;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
