import { asSubject } from '@lantern/permissions';
import { TestClock } from '../../testing/test-clock.js';
import { AbilityFactory } from './ability.factory.js';

const person = (role: 'caseworker' | 'coordinator' | 'analyst', id = 'u-1') => ({ id, role, organizationId: 'o-1', partnerOrgId: null });

describe('AbilityFactory', () => {
  it('keeps the ability of a person whose rules never mention the instant, and builds a new one for anyone else', () => {
    const clock = new TestClock();
    const factory = new AbilityFactory(clock);
    const first = factory.build(person('caseworker'));
    clock.advanceMinutes(30);
    expect(factory.build(person('caseworker'))).toBe(first);
    // Another person, or the same person in another role, gets rules of their own.
    expect(factory.build(person('caseworker', 'u-2'))).not.toBe(first);
    const asAnalyst = factory.build(person('analyst'));
    expect(asAnalyst).not.toBe(first);
    expect(asAnalyst.can('read', 'Case')).toBe(false);
    expect(factory.build({ ...person('caseworker'), organizationId: 'o-2' })).not.toBe(first);
    // A coordinator's break-glass rules depend on the instant: a new ability at every request.
    const coordinator = factory.build(person('coordinator'));
    expect(factory.build(person('coordinator'))).not.toBe(coordinator);
  });

  it('a kept ability still decides on each record from the record\'s own fields', () => {
    const clock = new TestClock();
    const factory = new AbilityFactory(clock);
    const kept = factory.build(person('caseworker'));
    clock.advanceMinutes(90);
    const mine = asSubject('Case', { organizationId: 'o-1', assignedCaseworkerId: 'u-1' });
    const theirs = asSubject('Case', { organizationId: 'o-1', assignedCaseworkerId: 'u-9' });
    expect(factory.build(person('caseworker')).can('read', mine)).toBe(true);
    expect(kept.can('read', theirs)).toBe(false);
  });
});
