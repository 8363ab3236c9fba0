import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './test-support/app.js';
import { testDialects } from './test-support/databases.js';
import type { TestClient } from './test-support/http.js';
import { roles, routeAccessTable, type Role } from './web/access.js';

/**
 * Who may call each route: every route × every role, written out by hand. A new route fails
 * this test until it is added here, and a changed rule fails it until the change is meant.
 */
const anyone = 'public' as const;
const staff = ['admin', 'coordinator', 'librarian', 'partner'] as const;
const adminOnly = ['admin'] as const;
const editors = ['admin', 'coordinator'] as const;
const pointEditors = ['admin', 'coordinator', 'librarian'] as const;
const catalogStaff = ['admin', 'coordinator', 'librarian'] as const;
const statsCollectors = ['admin', 'coordinator', 'librarian'] as const;
const loansStaff = ['admin', 'coordinator', 'librarian'] as const;
const trainingStaff = ['admin', 'coordinator', 'librarian'] as const;
const heritageContributors = ['admin', 'coordinator', 'librarian'] as const;
const withdrawnOfferers = ['admin', 'coordinator', 'librarian'] as const;
const withdrawnClaimers = ['coordinator', 'librarian', 'partner'] as const;
const coordinationStaff = ['admin', 'coordinator', 'librarian'] as const;

const expected: Record<string, typeof anyone | readonly Role[]> = {
  'GET /': anyone,
  'GET /regions/:id': anyone,
  'GET /libraries': anyone,
  'GET /libraries/:id': anyone,
  'GET /municipalities': anyone,
  'GET /municipalities/:id': anyone,
  'GET /about/data': anyone,
  'GET /about/systems': anyone,
  'GET /maps/outline.svg': anyone,
  'GET /health': anyone,
  'GET /metrics': anyone,
  'GET /api/openapi.json': anyone,
  'GET /api/docs': anyone,
  'GET /api/docs/json': anyone,
  'GET /api/docs/yaml': anyone,
  'GET /api/docs/static/index.html': anyone,
  'GET /api/docs/static/swagger-initializer.js': anyone,
  'GET /api/docs/static/*': anyone,
  'GET /assets/*': anyone,
  'GET /api/regions': anyone,
  'GET /api/libraries': anyone,
  'GET /api/libraries/:id': anyone,
  'GET /api/municipalities': anyone,
  'GET /api/municipalities/:id': anyone,
  'GET /api/service-points': anyone,
  'GET /login': anyone,
  'POST /login': anyone,
  'GET /login/forgot': anyone,
  'POST /login/forgot': anyone,
  'GET /login/reset/:token': anyone,
  'POST /login/reset': anyone,
  'POST /logout': anyone,
  'GET /staff': staff,
  'GET /staff/password': staff,
  'POST /staff/password': staff,
  'GET /notifications': staff,
  'POST /notifications/:id/read': staff,
  'POST /notifications/read-all': staff,
  'GET /account/notifications': staff,
  'POST /account/notifications': staff,
  'GET /libraries/:id/hours.ics': anyone,
  'POST /admin/users/:id/password': adminOnly,
  'GET /admin/users': adminOnly,
  'GET /admin/users/new': adminOnly,
  'POST /admin/users/new': adminOnly,
  'GET /admin/users/:id': adminOnly,
  'POST /admin/users/:id/role': adminOnly,
  'POST /admin/users/:id/disabled': adminOnly,
  'POST /admin/users/:id/unlock': adminOnly,
  'GET /admin/audit': adminOnly,
  'GET /admin/jobs': adminOnly,
  'POST /admin/jobs/:id/cancel': adminOnly,
  // A librarian corrects their own library's address and contacts (the scope: network/policy.ts).
  'GET /staff/libraries/:id/edit': pointEditors,
  'POST /staff/libraries/:id/edit': pointEditors,
  'GET /staff/libraries/:id/about': pointEditors,
  'POST /staff/libraries/:id/about': pointEditors,
  'GET /files/:id': anyone,
  'GET /staff/libraries/:id/service-points/new': pointEditors,
  'POST /staff/libraries/:id/service-points/new': pointEditors,
  'GET /staff/service-points/:id/edit': pointEditors,
  'POST /staff/service-points/:id/edit': pointEditors,
  'POST /staff/service-points/:id/hours': pointEditors,
  'POST /staff/service-points/:id/delete': pointEditors,
  'GET /staff/regions/:id/edit': adminOnly,
  'POST /staff/regions/:id/edit': adminOnly,
  'GET /staff/municipalities/:id/edit': adminOnly,
  'POST /staff/municipalities/:id/edit': adminOnly,
  'GET /standards': anyone,
  'GET /standards/:id': anyone,
  'POST /staff/standards/:id/copy': adminOnly,
  'GET /staff/standards/:id/indicators/:indicator': adminOnly,
  'POST /staff/standards/:id/indicators/:indicator': adminOnly,
  'GET /compliance': anyone,
  'GET /compliance/regions/:id': anyone,
  'GET /compliance/libraries/:id': anyone,
  'GET /compliance/rankings': anyone,
  'GET /api/compliance': anyone,
  'GET /reports/municipalities/:id': anyone,
  'GET /reports/municipalities/:id/report.pdf': anyone,
  'GET /staff/report-prices': adminOnly,
  'POST /staff/report-prices': adminOnly,
  'GET /staff/catalog': catalogStaff,
  'POST /staff/catalog/imports': catalogStaff,
  'GET /staff/catalog/imports/:id': catalogStaff,
  'GET /staff/catalog/imports/:id/report.csv': catalogStaff,
  'GET /staff/catalog/imports/:id/rejected': catalogStaff,
  'POST /staff/catalog/imports/:id/cancel': catalogStaff,
  'GET /staff/catalog/entries/:id': catalogStaff,
  'POST /staff/catalog/records/:id/split': catalogStaff,
  'POST /staff/catalog/records/:id/join': catalogStaff,
  'GET /api/catalog/export': anyone,
  'GET /api/catalog/search': anyone,
  'GET /api/catalog/records/:id': anyone,
  'GET /api/catalog/suggest': anyone,
  'GET /catalog': anyone,
  'GET /catalog/records/:id': anyone,
  'GET /catalog/records/:id/marc': catalogStaff,
  'GET /catalog/records/:id/marc21': anyone,
  'GET /catalog/records/:id/marcxml': anyone,
  'GET /catalog/export': anyone,
  'GET /sru': anyone,
  'POST /sru': anyone,
  'GET /staff/stats': statsCollectors,
  'GET /staff/stats/libraries/:id': statsCollectors,
  'GET /staff/stats/libraries/:id/:year': statsCollectors,
  'POST /staff/stats/libraries/:id/:year': statsCollectors,
  'POST /api/stats/libraries/:id/:year/check': statsCollectors,
  'GET /api/stats/open-data.json': anyone,
  'GET /api/stats/open-data.csv': anyone,
  'GET /api/stats/open-data.schema.json': anyone,
  'GET /staff/stats/import': statsCollectors,
  'POST /staff/stats/import': statsCollectors,
  'POST /staff/stats/import/confirm': statsCollectors,
  'GET /staff/stats/import/template.csv': statsCollectors,
  'GET /staff/stats/import/template.xlsx': statsCollectors,
  'GET /staff/stats/review': editors,
  'POST /staff/stats/reports/:id/return': editors,
  'POST /staff/stats/reports/:id/accept': editors,
  'POST /staff/stats/reports/:id/publish': adminOnly,
  'POST /staff/stats/publish': adminOnly,
  // access (issue 10): coverage, suggestions and the API are public; stops for a library's staff, norms for the admin.
  'GET /access': anyone,
  'GET /access/regions/:id': anyone,
  'GET /access/libraries/:id': anyone,
  'GET /access/municipalities/:id': anyone,
  'GET /access/regions/:id/suggest': anyone,
  'GET /access/libraries/:id/suggest': anyone,
  'GET /access/points/:id/close': anyone,
  'GET /api/access/coverage': anyone,
  'GET /staff/access/stops': pointEditors,
  'GET /staff/access/stops/new': pointEditors,
  'POST /staff/access/stops': pointEditors,
  'GET /staff/access/stops/:id': pointEditors,
  'POST /staff/access/stops/:id': pointEditors,
  'POST /staff/access/stops/:id/delete': pointEditors,
  'GET /staff/access/stops/import': pointEditors,
  'POST /staff/access/stops/import': pointEditors,
  'GET /staff/access/norms': adminOnly,
  'POST /staff/access/norms': adminOnly,
  // Good practice (practice/policy.ts): librarians write for their library, coordinators review their area.
  'GET /practices': anyone,
  'GET /practices/travel': anyone,
  'GET /practices/:id': anyone,
  'GET /api/practices': anyone,
  'GET /staff/practices': ['admin', 'librarian'],
  'GET /staff/practices/review': editors,
  'GET /staff/practices/new': ['admin', 'librarian'],
  'POST /staff/practices/new': ['admin', 'librarian'],
  'GET /staff/practices/:id/edit': ['admin', 'librarian'],
  'POST /staff/practices/:id/edit': ['admin', 'librarian'],
  'POST /staff/practices/:id/submit': ['admin', 'librarian'],
  'POST /staff/practices/:id/publish': editors,
  'POST /staff/practices/:id/return': editors,
  'POST /staff/practices/:id/adopt': ['admin', 'librarian'],
  'POST /staff/practices/:id/questions': ['admin', 'coordinator', 'librarian'],
  'POST /staff/practices/:id/files': ['admin', 'librarian'],
  'POST /staff/practices/:id/files/:fileId/remove': ['admin', 'librarian'],
  'GET /admin/practice-topics': adminOnly,
  'POST /admin/practice-topics': adminOnly,
  // Reading programmes: public pages, the reader's own page (its private code decides), set-up and desk.
  'GET /reading': anyone,
  'GET /reading/:id': anyone,
  'GET /reading/:id/register': anyone,
  'POST /reading/:id/register': anyone,
  'GET /reading/me': anyone,
  'GET /reading/me/:code': anyone,
  'POST /reading/me/:code/log': anyone,
  'POST /reading/me/:code/delete': anyone,
  'GET /reading/:id/counts': anyone,
  'GET /reading/:id/counts/libraries': anyone,
  'GET /reading/:id/counts/titles': anyone,
  'GET /api/reading/programmes': anyone,
  'GET /staff/reading': pointEditors,
  'GET /staff/reading/new': editors,
  'POST /staff/reading': editors,
  'GET /staff/reading/:id/list': editors,
  'POST /staff/reading/:id/list': editors,
  'POST /staff/reading/:id/list/:itemId/remove': editors,
  'GET /staff/reading/:id/edit': editors,
  'POST /staff/reading/:id/edit': editors,
  'GET /staff/reading/:id/desk': pointEditors,
  'POST /staff/reading/:id/readers': pointEditors,
  'GET /staff/reading/:id/readers/:readerId': pointEditors,
  'POST /staff/reading/:id/readers/:readerId/log': pointEditors,
  'GET /staff/reading/:id/completed': pointEditors,
  // Interlibrary loan (loans module): staff pages; the ISO 18626 endpoint is open, each agency authenticated by secret.
  'GET /staff/loans': loansStaff,
  'GET /staff/loans/new': loansStaff,
  'POST /staff/loans': loansStaff,
  'GET /staff/loans/:id': loansStaff,
  'POST /staff/loans/:id/lender': loansStaff,
  'POST /staff/loans/:id/borrower': loansStaff,
  'POST /iso18626': anyone,
  // Training (issue 12): public calendar, courses, sessions, verification and feeds; staff register themselves;
  // coordinators and the admin offer courses and take attendance (the scope: training/policy.ts).
  'GET /training': anyone,
  'GET /training/courses/:id': anyone,
  'GET /training/sessions/:id': anyone,
  'POST /training/sessions/:id/register': trainingStaff,
  'POST /training/sessions/:id/cancel': trainingStaff,
  'GET /training/verify': anyone,
  'GET /training/calendar.ics': anyone,
  'GET /training/regions/:region/calendar.ics': anyone,
  'GET /training/my/calendar.ics': trainingStaff,
  'GET /training/sessions/:id/session.ics': anyone,
  'GET /staff/training/courses/new': editors,
  'POST /staff/training/courses/new': editors,
  'GET /staff/training/courses/:id/sessions/new': editors,
  'POST /staff/training/courses/:id/sessions/new': editors,
  'GET /staff/training/sessions/:id/attendance': editors,
  'POST /staff/training/sessions/:id/attendance': editors,
  'GET /staff/training/my': trainingStaff,
  'GET /staff/training/my/record.pdf': trainingStaff,
  'GET /staff/training/certificates/:code/certificate.pdf': trainingStaff,
  'GET /staff/training/hours': trainingStaff,
  'POST /staff/training/hours/target': adminOnly,
  'GET /staff/training/sessions/:id/materials': editors,
  'POST /staff/training/sessions/:id/materials': editors,
  'POST /staff/training/sessions/:id/materials/:fileId/remove': editors,
  // Heritage (issue 14): public portal and OAI-PMH, contributors' staff pages, the network's settlement page.
  'GET /settlements/:id': anyone,
  'GET /oai': anyone,
  'GET /heritage': anyone,
  'GET /heritage/regions/:id': anyone,
  'GET /heritage/collections/:id': anyone,
  'GET /heritage/items/:id': anyone,
  'GET /heritage/persons/:id': anyone,
  'GET /heritage/search': anyone,
  'GET /staff/heritage': heritageContributors,
  'GET /staff/heritage/items/new': heritageContributors,
  'POST /staff/heritage/items/new': heritageContributors,
  'GET /staff/heritage/items/:id': heritageContributors,
  'POST /staff/heritage/items/:id': heritageContributors,
  'POST /staff/heritage/items/:id/flow': heritageContributors,
  'GET /staff/heritage/persons/new': heritageContributors,
  'POST /staff/heritage/persons/new': heritageContributors,
  'GET /staff/heritage/persons/:id': heritageContributors,
  'POST /staff/heritage/persons/:id': heritageContributors,
  'POST /staff/heritage/persons/:id/flow': heritageContributors,
  'GET /staff/heritage/import': heritageContributors,
  'POST /staff/heritage/import': heritageContributors,
  'POST /staff/heritage/items/:id/files': heritageContributors,
  'POST /staff/heritage/items/:id/files/:fileId/remove': heritageContributors,
  'GET /heritage/items/:id/manifest.json': anyone,
  // Withdrawn material: anyone reads offers; a library's staff offer and decide; a library (or partner) claims only for itself.
  'GET /withdrawn': anyone,
  'GET /withdrawn/offers/:id': anyone,
  'GET /withdrawn/offers/new': withdrawnOfferers,
  'POST /withdrawn/offers/new': withdrawnOfferers,
  'POST /withdrawn/offers/:id/confirm': withdrawnOfferers,
  'POST /withdrawn/offers/:id/close': withdrawnOfferers,
  'POST /withdrawn/claims/:id/collected': withdrawnOfferers,
  'POST /withdrawn/items/:id/claim': withdrawnClaimers,
  'POST /withdrawn/claims/:id/cancel': withdrawnClaimers,
  'POST /withdrawn/claims/:id/holdings': withdrawnClaimers,
  'GET /withdrawn/claims': withdrawnClaimers,
  'GET /withdrawn/account': withdrawnOfferers,
  'GET /api/withdrawn/offers': anyone,
  // Coordination (issue 13): library staff read; coordinators and the admin record; scope in policy.ts.
  'GET /staff/coordination': coordinationStaff,
  'POST /staff/coordination/groups': editors,
  'GET /staff/coordination/groups/:id': coordinationStaff,
  'POST /staff/coordination/groups/:id/members': editors,
  'POST /staff/coordination/groups/:id/meetings': editors,
  'GET /staff/coordination/meetings/:id': coordinationStaff,
  'POST /staff/coordination/meetings/:id/minutes': editors,
  'POST /staff/coordination/meetings/:id/decisions': editors,
  'GET /staff/coordination/decisions/:id': coordinationStaff,
  'POST /staff/coordination/decisions/:id': coordinationStaff,
  'POST /staff/coordination/decisions/:id/remind': editors,
  'GET /staff/coordination/board': coordinationStaff,
  'GET /staff/coordination/programmes': coordinationStaff,
  'POST /staff/coordination/programmes': editors,
  'GET /staff/coordination/programmes/:id': coordinationStaff,
  'POST /staff/coordination/programmes/:id/targets': editors,
  'POST /staff/coordination/programmes/:id/budget': editors,
  'POST /staff/coordination/programmes/:id/submit': editors,
  'POST /staff/coordination/programmes/:id/progress': editors,
  'POST /staff/coordination/programmes/:id/spent': editors,
  'POST /staff/coordination/programmes/:id/report-text': editors,
  'GET /staff/coordination/programmes/:id/report': coordinationStaff,
  'GET /staff/coordination/programmes/:id/report.pdf': coordinationStaff,
  'GET /staff/coordination/rollup': coordinationStaff,
  'GET /api/coordination/decisions': coordinationStaff,
  'GET /api/coordination/programmes': coordinationStaff,
};

/**
 * Pages that also download their table (`?format=csv|xlsx`, the exports service): the download is
 * the same route, so it answers each role as the page does, with a CSV where the page is allowed.
 */
const downloads = [
  'GET /libraries',
  'GET /municipalities',
  'GET /standards',
  'GET /compliance',
  'GET /compliance/regions/:id',
  'GET /compliance/libraries/:id',
  'GET /compliance/rankings',
  'GET /admin/users',
  'GET /admin/audit',
  'GET /staff/stats',
  'GET /staff/stats/review',
  'GET /practices',
  'GET /staff/training/my',
  'GET /withdrawn/account',
] as const;

describe.each(testDialects)('route × role matrix on %s', (dialect) => {
  let t: TestApp;
  let sample: (url: string) => string;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const central = await t.db.selectFrom('service_points').select('id').where('code', '=', 'kranj-central').executeTakeFirstOrThrow();
    // In-scope examples for the test users (Kranj's region and library), and ids that do not
    // exist where a call could change an account or a job.
    sample = (url) =>
      url
        .replace('/assets/*', '/assets/style.css')
        .replace('/api/docs/static/*', '/api/docs/static/index.html')
        .replace(/^\/(staff\/)?regions\/:id/, '/$1regions/kranj')
        .replace(/^\/(api\/)?libraries\/:id/, '/$1libraries/kranj')
        .replace(/^\/staff\/libraries\/:id/, '/staff/libraries/kranj')
        .replace(/municipalities\/:id/, 'municipalities/SI-052')
        .replace('/staff/service-points/:id', `/staff/service-points/${central.id}`)
        .replace(/\/admin\/(users|jobs)\/:id/, '/admin/$1/999999')
        .replace('/standards/:id/indicators/:indicator', '/standards/pravilnik-2023/indicators/collection')
        .replace(/\/standards\/:id/, '/standards/pravilnik-2023')
        .replace(/compliance\/(regions|libraries)\/:id/, 'compliance/$1/kranj')
        .replace(/^\/staff\/catalog\/(imports|entries|records)\/:id/, '/staff/catalog/$1/999999')
        .replace(/^\/api\/catalog\/export$/, '/api/catalog/export?library=kranj')
        .replace(/^\/(api\/)?catalog\/records\/:id/, '/$1catalog/records/999999')
        .replace(/^\/catalog\/export$/, '/catalog/export?q=x&format=marcxml')
        .replace(/\/stats\/libraries\/:id/, '/stats/libraries/kranj')
        .replace('/:year', '/2024')
        .replace('/staff/stats/reports/:id', '/staff/stats/reports/999999')
        .replace(/^\/(staff\/)?reading\/:id/, '/$1reading/999999')
        .replace(':readerId', '999999')
        .replace('/staff/access/stops/:id', '/staff/access/stops/999999')
        .replace('/files/:id', '/files/999999')
        .replace(/^\/(staff\/)?practices\/:id/, '/$1practices/999999')
        .replace('/files/:fileId', '/files/999999')
        .replace(/^\/(staff\/)?training\/(courses|sessions)\/:id/, '/$1training/$2/999999')
        .replace('/training/regions/:region', '/training/regions/kranj')
        .replace('/materials/:fileId', '/materials/999999')
        .replace('/certificates/:code', '/certificates/NONE-NONE-NONE')
        .replace('/heritage/regions/:id', '/heritage/regions/kranj')
        .replace('/heritage/collections/:id', '/heritage/collections/none')
        .replace(/\/heritage\/(items|persons)\/:id/, '/heritage/$1/999999')
        .replace('/settlements/:id', '/settlements/10102774')
        .replace(/^\/withdrawn\/(offers|items|claims)\/:id/, '/withdrawn/$1/999999')
        .replace(/^\/staff\/coordination\/(\w+)\/:id/, '/staff/coordination/$1/999999');
  });
  afterAll(async () => t?.close());

  it('lists every route of the app, with the rule the route declares', () => {
    const declared = Object.fromEntries(routeAccessTable(t.app).map((r) => [`${r.method} ${r.url}`, r.access]));
    expect(declared).toEqual(expected);
  });

  it.each([null, ...roles] as (Role | null)[])('answers %s as the matrix says', async (role) => {
    const client: TestClient = await t.client(role ?? undefined);
    // Log out last, so every other call is made with the session.
    const entries = Object.entries(expected).sort(([a], [b]) => Number(a === 'POST /logout') - Number(b === 'POST /logout'));
    const wrong: string[] = [];
    for (const [route, access] of entries) {
      const [method, pattern] = route.split(' ') as [string, string];
      const url = sample(pattern);
      const response = method === 'GET' ? await client.get(url) : await client.postForm(url, {});
      const toLogin = response.statusCode === 303 && String(response.headers.location).startsWith('/login');
      const refused = response.statusCode === 401 || response.statusCode === 403 || toLogin;
      const allowed = access === 'public' || (role !== null && access.includes(role));
      if (allowed === refused || response.statusCode >= 500) wrong.push(`${route} (${url}) → ${response.statusCode}, expected ${allowed ? 'allow' : 'deny'}`);
      // A page sends an anonymous reader to the login page; a staff API answers 401 (problem+json).
      if (!allowed && role === null && method === 'GET' && !pattern.startsWith('/api/') && !toLogin) wrong.push(`${route}: anonymous GET should go to the login page`);
      if (!allowed && role === null && pattern.startsWith('/api/') && response.statusCode !== 401) wrong.push(`${route}: anonymous API call should answer 401`);
    }
    expect(wrong).toEqual([]);
  });

  it.each([null, ...roles] as (Role | null)[])('answers %s for each download as for its page', async (role) => {
    const client: TestClient = await t.client(role ?? undefined);
    const wrong: string[] = [];
    for (const route of downloads) {
      const access = expected[route]!;
      const page = sample(route.split(' ')[1]!);
      const url = `${page}${page.includes('?') ? '&' : '?'}format=csv`;
      const response = await client.get(url);
      const refused = response.statusCode === 401 || response.statusCode === 403 || (response.statusCode === 303 && String(response.headers.location).startsWith('/login'));
      const allowed = access === 'public' || (role !== null && access.includes(role));
      if (allowed === refused || response.statusCode >= 500) wrong.push(`${url} → ${response.statusCode}, expected ${allowed ? 'allow' : 'deny'}`);
      if (response.statusCode === 200 && !String(response.headers['content-type']).startsWith('text/csv')) wrong.push(`${url} answered ${response.headers['content-type']}, not a CSV`);
    }
    expect(wrong).toEqual([]);
  });
});
