import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { RequestMethod } from '@nestjs/common';
import { ROLES, type Role } from '@lantern/contracts';
import request from 'supertest';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { PartnerOrg } from '../partner-orgs/partner-org.entity.js';
import { createOrgFixture, signIn, api, type OrgFixture } from '../testing/fixtures.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { User } from '../users/user.entity.js';
import { ACCESS_KEY, type AccessRule } from './access.decorators.js';

interface Route {
  method: string;
  path: string;
  access: AccessRule | undefined;
}

/** Every route the application serves, read from the controllers Nest registered. */
function routesOf(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!;
        const access =
          (Reflect.getMetadata(ACCESS_KEY, handler) as AccessRule | undefined) ??
          (Reflect.getMetadata(ACCESS_KEY, controller) as AccessRule | undefined);
        routes.push({ method, path: `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'), access });
      }
    }
  }
  return routes;
}

type Who = Role;
type Expect = Record<Who, number>;
const all = (status: number): Expect => Object.fromEntries(ROLES.map((r) => [r, status])) as Expect;

/** An organization with at least one audit event of its own. */
type Fixture = OrgFixture & { auditEventId: string };

interface Case {
  label: string;
  path: (f: Fixture, other: Fixture) => string;
  body?: (t: TestApp, f: Fixture, other: Fixture) => Promise<Record<string, unknown>>;
  expect: Expect;
  /** Exact response keys per role, where the role gets a record. */
  keys?: Partial<Record<Who, string[]>>;
}

const PARTNER_ORG_KEYS = [
  'acceptingReferrals', 'active', 'capacity', 'contactEmail', 'contactName', 'createdAt', 'id', 'name', 'organizationId',
  'phone', 'serviceArea', 'serviceTypes', 'updatedAt', 'version',
];
const USER_FULL_KEYS = [
  'active', 'createdAt', 'displayName', 'email', 'id', 'lastLoginAt', 'mfaEnabled', 'organizationId', 'partnerOrgId', 'role',
  'updatedAt', 'version',
];
const USER_DIRECTORY_KEYS = ['active', 'displayName', 'email', 'id', 'partnerOrgId', 'role'];

const versionOf = async (t: TestApp, entity: typeof PartnerOrg | typeof User, id: string): Promise<number> => {
  const rows = (await t.dataSource.getRepository(entity).createQueryBuilder('e').select('e.version', 'version').where('e.id = :id', { id }).getRawMany()) as { version: number }[];
  return rows[0]!.version;
};

/**
 * The route × method × role × record matrix of SECURITY.md. Routes come from the router, so a new
 * route without a row here fails this test before it ships.
 */
const MATRIX: Record<string, Case[] | 'covered elsewhere'> = {
  'POST /auth/login': 'covered elsewhere',
  'POST /auth/logout': 'covered elsewhere',
  'POST /auth/step-up': 'covered elsewhere',
  'POST /auth/password': 'covered elsewhere',
  'DELETE /auth/sessions/:id': 'covered elsewhere',
  'POST /auth/mfa/setup': 'covered elsewhere',
  'POST /auth/mfa/enable': 'covered elsewhere',
  'POST /auth/mfa/disable': 'covered elsewhere',
  'GET /health': 'covered elsewhere',
  'GET /ready': 'covered elsewhere',
  'GET /auth/me': [{ label: 'own profile', path: () => '/auth/me', expect: all(200) }],
  'GET /auth/sessions': [{ label: 'own sessions', path: () => '/auth/sessions', expect: all(200) }],
  'GET /partner-orgs': [
    { label: 'list', path: () => '/partner-orgs', expect: { ...all(200), analyst: 403 } },
  ],
  'GET /partner-orgs/:id': [
    {
      label: 'own organization, not the partner user\'s org',
      path: (f) => `/partner-orgs/${f.partnerOrg2.id}`,
      expect: { ...all(200), partner: 404, analyst: 403 },
      keys: { admin: PARTNER_ORG_KEYS, coordinator: PARTNER_ORG_KEYS, caseworker: PARTNER_ORG_KEYS },
    },
    {
      label: 'the partner user\'s own org',
      path: (f) => `/partner-orgs/${f.partnerOrg.id}`,
      expect: { ...all(200), analyst: 403 },
      keys: { partner: PARTNER_ORG_KEYS },
    },
    { label: 'another organization', path: (_f, o) => `/partner-orgs/${o.partnerOrg.id}`, expect: { ...all(404), analyst: 403 } },
  ],
  'POST /partner-orgs': [
    {
      label: 'create',
      path: () => '/partner-orgs',
      body: async () => ({ name: `Matrix ${Math.random().toString(36).slice(2)}`, serviceTypes: ['legal'] }),
      expect: { ...all(403), admin: 201 },
    },
  ],
  'PUT /partner-orgs/:id': [
    {
      label: 'own organization',
      path: (f) => `/partner-orgs/${f.partnerOrg2.id}`,
      body: async (t, f) => ({ capacity: Math.floor(Math.random() * 50), version: await versionOf(t, PartnerOrg, f.partnerOrg2.id) }),
      expect: { ...all(403), admin: 200, partner: 404 },
    },
    {
      label: 'another organization',
      path: (_f, o) => `/partner-orgs/${o.partnerOrg.id}`,
      body: async (t, _f, o) => ({ capacity: 1, version: await versionOf(t, PartnerOrg, o.partnerOrg.id) }),
      expect: { ...all(403), admin: 404, partner: 404 },
    },
  ],
  'PATCH /partner-orgs/:id': [
    {
      label: 'own organization',
      path: (f) => `/partner-orgs/${f.partnerOrg.id}`,
      body: async (t, f) => ({ capacity: Math.floor(Math.random() * 50), version: await versionOf(t, PartnerOrg, f.partnerOrg.id) }),
      expect: { ...all(403), admin: 200, partner: 200 },
    },
  ],
  'GET /users': [{ label: 'list', path: () => '/users', expect: all(200) }],
  'GET /users/:id': [
    {
      label: 'a colleague',
      path: (f) => `/users/${f.caseworker2.id}`,
      expect: { ...all(404), admin: 200, coordinator: 200 },
      keys: { admin: USER_FULL_KEYS, coordinator: USER_DIRECTORY_KEYS },
    },
    { label: 'another organization', path: (_f, o) => `/users/${o.caseworker.id}`, expect: all(404) },
  ],
  'POST /users': [
    {
      label: 'create',
      path: () => '/users',
      body: async () => ({
        email: `m-${Math.random().toString(36).slice(2)}@example.test`,
        displayName: 'Matrix',
        role: 'analyst',
        password: 'a long enough matrix passphrase',
      }),
      expect: { ...all(403), admin: 201 },
    },
  ],
  'PUT /users/:id': [
    {
      label: 'a colleague',
      path: (f) => `/users/${f.caseworker2.id}`,
      body: async (t, f) => ({ displayName: `Renamed ${Math.random()}`, version: await versionOf(t, User, f.caseworker2.id) }),
      expect: { ...all(403), admin: 200 },
    },
  ],
  'PATCH /users/:id': [
    {
      label: 'another organization',
      path: (_f, o) => `/users/${o.caseworker2.id}`,
      body: async (t, _f, o) => ({ displayName: 'Nope', version: await versionOf(t, User, o.caseworker2.id) }),
      expect: { ...all(403), admin: 404 },
    },
  ],
  'GET /audit-events': [{ label: 'list', path: () => '/audit-events', expect: { ...all(403), admin: 200 } }],
  'GET /audit-events/:id': [
    {
      label: 'an event of the organization',
      path: (f) => `/audit-events/${f.auditEventId}`,
      expect: { ...all(403), admin: 200 },
      keys: { admin: ['action', 'actorId', 'actorRole', 'fields', 'id', 'ip', 'occurredAt', 'outcome', 'reason', 'requestId', 'subjectId', 'subjectType'] },
    },
    { label: 'another organization', path: (_f, o) => `/audit-events/${o.auditEventId}`, expect: { ...all(403), admin: 404 } },
  ],
};

describe('access control matrix', () => {
  let t: TestApp;
  let org: Fixture;
  let other: Fixture;
  let routes: Route[];

  const withAuditEvent = async (fixture: OrgFixture): Promise<Fixture> => {
    await signIn(t, fixture.admin);
    const [event] = await t.dataSource.getRepository(AuditEvent).find({ where: { organizationId: fixture.organizationId }, take: 1 });
    return { ...fixture, auditEventId: event!.id };
  };

  beforeAll(async () => {
    t = await createTestApp();
    org = await withAuditEvent(await createOrgFixture(t.dataSource));
    other = await withAuditEvent(await createOrgFixture(t.dataSource));
    routes = routesOf(t);
  });
  afterAll(() => t.close());

  it('every route declares who may call it (a policy, signed-in, or public)', () => {
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('every route has a row in this matrix', () => {
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((key) => !(key in MATRIX));
    expect(missing).toEqual([]);
  });

  it('public routes are exactly the ones meant to be public', () => {
    const publicRoutes = routes.filter((r) => r.access?.kind === 'public').map((r) => `${r.method} ${r.path}`).sort();
    expect(publicRoutes).toEqual(['GET /health', 'GET /ready', 'POST /auth/login']);
  });

  it('every non-public route refuses an anonymous caller with 401', async () => {
    for (const route of routes.filter((r) => r.access?.kind !== 'public')) {
      const path = api(route.path.replace(':id', '00000000-0000-4000-8000-000000000000'));
      const res = await request(t.http)[route.method.toLowerCase() as 'get'](path).send({});
      expect([route.method, route.path, res.status]).toEqual([route.method, route.path, 401]);
    }
  });

  const rows = Object.entries(MATRIX).flatMap(([key, cases]) =>
    cases === 'covered elsewhere' ? [] : cases.flatMap((c) => ROLES.map((role) => [key, c.label, role, c] as const)),
  );

  it.each(rows)('%s (%s) as %s', async (key, _label, role, c) => {
    const [method] = key.split(' ');
    const agent = await signIn(t, org.users[role]);
    const path = api(c.path(org, other));
    const body = c.body ? await c.body(t, org, other) : undefined;
    const call = agent[method!.toLowerCase() as 'get'](path);
    const res = body ? await call.send(body) : await call;
    expect(res.status).toBe(c.expect[role]);
    const expectedKeys = c.keys?.[role];
    if (expectedKeys) expect(Object.keys(res.body).sort()).toEqual([...expectedKeys].sort());
    if (res.status >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
