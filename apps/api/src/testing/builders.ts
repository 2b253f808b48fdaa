import type TestAgent from 'supertest/lib/agent.js';
import { api, createOrgFixture, signIn, type OrgFixture } from './fixtures.js';
import { createSurvivorWithCase } from './records.js';
import { later } from './later.js';
import { createScratchDatabase } from './scratch-database.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * Builders for the setup the int-specs repeat (issue 10): an app with organizations of every role and
 * the people a spec acts as signed in, a survivor with an open case, and a case referred to the
 * organization's partner under her consent. Everything goes through the API (or createOrgFixture), as
 * the specs did by hand.
 */

export type Agent = TestAgent;
export type FixtureRole = keyof OrgFixture['users'];
export type Agents<R extends FixtureRole> = Record<R, Agent>;

/** Signs in the people of `org` with these roles, side by side. */
export async function signInAs<R extends FixtureRole>(t: TestApp, org: OrgFixture, roles: readonly R[]): Promise<Agents<R>> {
  const agents = await Promise.all(roles.map((role) => signIn(t, org.users[role])));
  return Object.fromEntries(roles.map((role, i) => [role, agents[i]!])) as Agents<R>;
}

export interface OrgWorld<R extends FixtureRole> {
  t: TestApp;
  org: OrgFixture;
  /** The people of `org` with the roles asked, signed in. */
  as: Agents<R>;
}

/**
 * createTestApp's options, and `scratch`: the app on a database of its own (createScratchDatabase, a copy of
 * the migrated template), dropped when the app closes. For a suite that walks every row of a table (a key
 * rotation, a re-index): on the worker's database, which the other test files of the run fill, its time
 * would grow with everything they wrote.
 */
type AppOptions = NonNullable<Parameters<typeof createTestApp>[0]> & { scratch?: boolean };

async function startApp({ scratch, ...options }: AppOptions = {}): Promise<TestApp> {
  if (!scratch) return createTestApp(options);
  const database = await createScratchDatabase();
  try {
    const t = await createTestApp({ ...options, target: database.target });
    return { ...t, close: () => t.close().finally(() => database.drop()) };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** A test app with one organization (createOrgFixture: every role, two partner orgs), the people with `roles` signed in. */
export async function orgWorld<R extends FixtureRole>(roles: readonly R[], app?: AppOptions): Promise<OrgWorld<R>> {
  const t = await startApp(app);
  const org = await createOrgFixture(t.dataSource);
  return { t, org, as: await signInAs(t, org, roles) };
}

/** orgWorld and a second organization, whose people must see nothing of the first. */
export async function twoOrgWorld<R extends FixtureRole>(roles: readonly R[], app?: AppOptions): Promise<OrgWorld<R> & { other: OrgFixture }> {
  const t = await startApp(app);
  const [org, other] = await Promise.all([createOrgFixture(t.dataSource), createOrgFixture(t.dataSource)]);
  return { t, org, other, as: await signInAs(t, org, roles) };
}

/**
 * The describe block's app, started in a beforeAll this registers and closed in an afterAll: what it
 * returns is usable in the block's tests and later hooks (testing/later.ts).
 */
export function withTestApp(app?: AppOptions): TestApp {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await startApp(app);
  });
  afterAll(() => t?.close());
  return later('the test app', () => t);
}

function withWorld<R extends FixtureRole, W extends OrgWorld<R>>(roles: readonly R[], make: () => Promise<W>): { world: () => W | undefined; as: Agents<R> } {
  let world: W | undefined;
  beforeAll(async () => {
    world = await make();
  });
  afterAll(() => world?.t.close());
  const as = Object.fromEntries(roles.map((role) => [role, later(`the ${role}'s agent`, () => world?.as[role])])) as Agents<R>;
  return { world: () => world, as };
}

/** orgWorld for the describe block (its beforeAll and afterAll): `const { t, org, as: { caseworker: cw } } = withOrgWorld(['caseworker'])`. */
export function withOrgWorld<R extends FixtureRole>(roles: readonly R[], app?: AppOptions): OrgWorld<R> {
  const { world, as } = withWorld(roles, () => orgWorld(roles, app));
  return { t: later('the test app', () => world()?.t), org: later('the organization', () => world()?.org), as };
}

/** twoOrgWorld for the describe block, as withOrgWorld. */
export function withTwoOrgWorld<R extends FixtureRole>(roles: readonly R[], app?: AppOptions): OrgWorld<R> & { other: OrgFixture } {
  const { world, as } = withWorld(roles, () => twoOrgWorld(roles, app));
  return {
    t: later('the test app', () => world()?.t),
    org: later('the organization', () => world()?.org),
    other: later('the other organization', () => world()?.other),
    as,
  };
}

export interface OpenCase {
  survivorId: string;
  caseId: string;
  caseNumber: string;
  version: number;
}

/** A survivor with an open case (intake), registered by `caseworker` with `survivor`'s fields. */
export async function openCase(caseworker: Agent, survivor: Record<string, unknown> = {}): Promise<OpenCase> {
  const { survivor: s, kase } = await createSurvivorWithCase(caseworker, survivor);
  return { survivorId: s.id, caseId: kase.id, caseNumber: kase.caseNumber as string, version: kase.version };
}

export interface SentReferral {
  consent: Record<string, unknown> & { id: string };
  referral: Record<string, unknown> & { id: string; version: number };
}

/**
 * Her consent to share `sharedFields` with the organization's first partner (written, recorded by the
 * caseworker; `consent` adds to or overrides it, e.g. an expiry), a housing referral of those fields,
 * and the coordinator sending it.
 */
export async function sentReferral(
  people: { caseworker: Agent; coordinator: Agent },
  org: OrgFixture,
  kase: { survivorId: string; caseId: string },
  options: { sharedFields?: string[]; consent?: Record<string, unknown> } = {},
): Promise<SentReferral> {
  const sharedFields = options.sharedFields ?? ['alias'];
  const consent = await people.caseworker
    .post(api('/consents'))
    .send({ survivorId: kase.survivorId, caseId: kase.caseId, purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields, method: 'written', ...options.consent })
    .expect(201);
  const draft = await people.caseworker.post(api('/referrals')).send({ caseId: kase.caseId, partnerOrgId: org.partnerOrg.id, serviceType: 'housing', sharedFields }).expect(201);
  const sent = await people.coordinator.post(api(`/referrals/${draft.body.id}/transitions`)).send({ to: 'sent' }).expect(200);
  return { consent: consent.body, referral: sent.body };
}
