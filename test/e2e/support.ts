import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildTestApp, testUsers, type TestApp } from '../../src/test-support/app.js';
import type { Role } from '../../src/web/access.js';

export { testUsers };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Debian's chromium unless CHROMIUM_PATH names another build. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts a headless chromium; fails with a hint when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`No chromium at ${chromiumPath}: run "apt-get install -y chromium" or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true, timeout: 60_000 });
}

/** Rejects, naming the step, when a promise takes longer than `ms` (so a stuck setup says which step stuck). */
export async function within<T>(ms: number, step: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step} did not finish within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The server and the browser every test file needs, started side by side. */
export async function startAll(): Promise<[Server, Browser]> {
  return Promise.all([within(90_000, 'starting the app (buildTestApp + listen)', startServer()), within(90_000, 'launching chromium', launchBrowser())]);
}

/**
 * The server and browser of one test file: started before its tests and closed after them
 * (call it at the file's top level). Read `.server` and `.browser` inside the tests.
 */
export function useServerAndBrowser(): { readonly server: Server; readonly browser: Browser } {
  let server: Server | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await startAll();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the server and browser start in beforeAll: read them inside a test');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}

export interface Server {
  test: TestApp;
  /** http://127.0.0.1:PORT, without a trailing slash. */
  base: string;
  close(): Promise<void>;
}

/** The whole app on a fresh SQLite database (network and one user per role), on a free port. */
export async function startServer(overrides: Parameters<typeof buildTestApp>[1] = {}, options: Parameters<typeof buildTestApp>[2] = {}): Promise<Server> {
  const test = await buildTestApp('sqlite', overrides, options);
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const address = test.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  return { test, base: `http://127.0.0.1:${address.port}`, close: () => test.close() };
}

type Messages = Record<string, string>;
const flatten = (o: Record<string, unknown>, prefix = '', out: Messages = {}): Messages => {
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object') flatten(v as Record<string, unknown>, `${prefix}${k}.`, out);
    else out[`${prefix}${k}`] = String(v);
  }
  return out;
};
const messages: Record<'sl' | 'en', Messages> = {
  sl: flatten(JSON.parse(fs.readFileSync(path.join(root, 'locales', 'sl.json'), 'utf8'))),
  en: flatten(JSON.parse(fs.readFileSync(path.join(root, 'locales', 'en.json'), 'utf8'))),
};

/**
 * A message as the page shows it: the catalogue text with simple {name} arguments filled in.
 * (Plural and select messages are not needed by these tests.)
 */
export function msg(locale: 'sl' | 'en', key: string, values: Record<string, string | number> = {}): string {
  const text = messages[locale][key];
  if (text === undefined) throw new Error(`no message ${key} in ${locale}.json`);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** Runs axe (WCAG 2.0/2.1 A and AA) on the page and fails with every violation spelled out. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  if (result.violations.length === 0) return;
  const report = result.violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
      return `  [${v.impact ?? '?'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
  throw new Error(`${result.violations.length} accessibility violation(s) on ${label}:\n${report}`);
}

/** Logs in through the real login form of the given context's browser page. */
export async function logIn(page: Page, base: string, role: Role): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#f-email', testUsers[role].email);
  await page.fill('#f-password', testUsers[role].password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form[action="/login"] button[type="submit"]')]);
}

/** A new context with one page, closed again by the returned function. */
export async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  return { context, page };
}
