import type { Response } from 'superagent';
import { randomBytes } from 'node:crypto';
import type { Role } from '@lantern/contracts';
import { hash as argon2id } from '@node-rs/argon2';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { DataSource } from 'typeorm';
import { createOrganization, createUser } from '../features/organizations/organizations.js';
import { createPartnerOrg } from '../features/partner-orgs/index.js';
import { Organization } from '../features/organizations/organization.entity.js';
import { PartnerOrg } from '../features/partner-orgs/partner-org.entity.js';
import { User } from '../access/auth/user.entity.js';
import { AuditEvent } from '../access/audit/audit-event.entity.js';
import type { TestApp } from './test-app.js';

export const FIXTURE_PASSWORD = 'correct horse battery staple 42';
// Algorithm.Argon2id; the package's enum is a const enum, which isolated modules cannot read.
const ARGON2ID = 2;

/** supertest's `.parse()` for a text answer (a CSV export): the body as one string. */
export function textBody(r: Response, done: (error: Error | null, body: string) => void): void {
  let body = '';
  r.setEncoding('utf8');
  r.on('data', (chunk: string) => (body += chunk));
  r.on('end', () => done(null, body));
}

/**
 * The fixture people's password hash, made once: Argon2id as every hash Lantern stores, at the algorithm's
 * lowest cost. Every sign-in verifies it, and a suite's setup signs in up to seven people: at the cost
 * PasswordService uses (docs/security-model.md) that was over a second of each setup on a loaded machine.
 * What the API stores for a password it is given is checked in access/auth/auth.int-spec.ts.
 */
let hashed: Promise<string> | null = null;
export const fixturePasswordHash = () => (hashed ??= argon2id(FIXTURE_PASSWORD, { algorithm: ARGON2ID, memoryCost: 64, timeCost: 1, parallelism: 1 }));

export interface OrgFixture {
  organizationId: string;
  slug: string;
  admin: User;
  coordinator: User;
  caseworker: User;
  caseworker2: User;
  analyst: User;
  partnerOrg: PartnerOrg;
  partnerOrg2: PartnerOrg;
  partner: User;
  users: Record<'admin' | 'coordinator' | 'caseworker' | 'caseworker2' | 'analyst' | 'partner', User>;
}

const unique = () => randomBytes(4).toString('hex');

/** One organization as docs/security-model.md's threat model describe: every role, two partner orgs, a partner user. */
export async function createOrgFixture(dataSource: DataSource): Promise<OrgFixture> {
  const id = unique();
  const hash = await fixturePasswordHash();
  return dataSource.transaction(async (manager) => {
    const org = await createOrganization(manager, `Org ${id}`, `org-${id}`);
    const partnerOrg = await createPartnerOrg(manager, org.id, {
      name: `Shelter ${id}`,
      serviceTypes: ['housing', 'shelter'],
      capacity: 5,
      acceptingReferrals: true,
    });
    const partnerOrg2 = await createPartnerOrg(manager, org.id, {
      name: `Training ${id}`,
      serviceTypes: ['vocational'],
      capacity: 2,
      acceptingReferrals: false,
    });
    const make = (role: Role, label: string, partnerOrgId: string | null = null) =>
      createUser(manager, org.id, {
        email: `${label}-${id}@example.test`,
        displayName: `${label} ${id}`,
        role,
        passwordHash: hash,
        partnerOrgId,
      });
    const users = {
      admin: await make('admin', 'admin'),
      coordinator: await make('coordinator', 'coordinator'),
      caseworker: await make('caseworker', 'caseworker'),
      caseworker2: await make('caseworker', 'caseworker2'),
      analyst: await make('analyst', 'analyst'),
      partner: await make('partner', 'partner', partnerOrg.id),
    };
    return { organizationId: org.id, slug: org.slug, partnerOrg, partnerOrg2, ...users, users };
  });
}

/** The fixture createOrgFixture made, read back by its slug (from a copy of a prepared database, say). */
export async function loadOrgFixture(dataSource: DataSource, slug: string): Promise<OrgFixture> {
  const id = slug.replace(/^org-/, '');
  const org = await dataSource.getRepository(Organization).findOneByOrFail({ slug });
  const partner = (name: string) => dataSource.getRepository(PartnerOrg).findOneByOrFail({ organizationId: org.id, name });
  const user = (label: string) => dataSource.getRepository(User).findOneByOrFail({ organizationId: org.id, email: `${label}-${id}@example.test` });
  const users = {
    admin: await user('admin'),
    coordinator: await user('coordinator'),
    caseworker: await user('caseworker'),
    caseworker2: await user('caseworker2'),
    analyst: await user('analyst'),
    partner: await user('partner'),
  };
  return { organizationId: org.id, slug, partnerOrg: await partner(`Shelter ${id}`), partnerOrg2: await partner(`Training ${id}`), ...users, users };
}

// A random start: the test files of one jest worker share its database (and so its throttle counters).
let ipCounter = Math.floor(Math.random() * 0xffffff);
/** A distinct client address per caller, so sign-in throttling of one test never touches another. */
export function freshIp(): string {
  ipCounter = (ipCounter + 1) % 0xffffff;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

/** Signs in and returns an agent that carries the session cookie. */
export async function signIn(t: TestApp, user: Pick<User, 'email'>, password = FIXTURE_PASSWORD, secure = false): Promise<TestAgent> {
  const agent = request.agent(t.http).set('X-Forwarded-For', freshIp());
  const res = await agent.post('/api/v1/auth/login').send({ email: user.email, password });
  if (res.status !== 200) throw new Error(`sign-in of ${user.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (secure) {
    // The agent's cookie jar keeps Secure cookies for https only; carry the session cookie by hand.
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]!.split(';')[0]!;
    agent.set('Cookie', cookie);
  }
  return agent;
}

export const api = (path: string) => `/api/v1${path}`;

/** The newest audit row of this person with this action. */
export async function lastAudit(t: TestApp, actorId: string, action: AuditEvent['action']): Promise<AuditEvent | undefined> {
  return (await t.dataSource.getRepository(AuditEvent).find({ where: { actorId, action }, order: { seq: 'DESC' }, take: 1 }))[0];
}
