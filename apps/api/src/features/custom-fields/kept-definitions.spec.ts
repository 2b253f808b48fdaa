import type { CustomField } from './custom-field.entity.js';
import { KeptDefinitions, MAX_KEPT_DEFINITIONS } from './kept-definitions.js';

const field = (key: string) =>
  ({ id: key, key, label: { en: key }, help: null, options: [{ id: 'o', label: { en: 'o' }, retired: false }], readRoles: ['caseworker'], writeRoles: [], retiredAt: null }) as unknown as CustomField;

describe('KeptDefinitions', () => {
  let reads: string[];
  const kept = () => {
    reads = [];
    return new KeptDefinitions(async (org, entity) => {
      reads.push(`${org}|${entity}`);
      return [field(`${org}-${entity}-${reads.length}`)];
    });
  };

  it('reads again whenever the stamp differs from the kept one, and never keeps without a stamp', async () => {
    const k = kept();
    const first = await k.of('o1', 'case', '5');
    expect(await k.of('o1', 'case', '5')).toBe(first);
    expect(reads).toEqual(['o1|case']);
    // Any other stamp, higher or lower, reads again.
    expect(await k.of('o1', 'case', '6')).not.toBe(first);
    expect(await k.of('o1', 'case', '5')).not.toBe(first);
    expect(reads).toHaveLength(3);
    await k.of('o1', 'case', undefined);
    await k.of('o1', 'case', undefined);
    expect(reads).toHaveLength(5);
  });

  it('keeps organizations and entities apart', async () => {
    const k = kept();
    const a = await k.of('o1', 'case', '1');
    const b = await k.of('o2', 'case', '1');
    const c = await k.of('o1', 'referral', '1');
    expect(new Set([a[0]!.key, b[0]!.key, c[0]!.key]).size).toBe(3);
    expect(await k.of('o2', 'case', '1')).toBe(b);
    expect(reads).toEqual(['o1|case', 'o2|case', 'o1|referral']);
  });

  it('hands out frozen definitions: a reader cannot change what the next request sees', async () => {
    const k = kept();
    const fields = await k.of('o1', 'case', '1');
    expect(() => fields.push(field('x'))).toThrow(TypeError);
    expect(() => (fields[0]!.readRoles as string[]).push('partner')).toThrow(TypeError);
    expect(() => Object.assign(fields[0]!, { retiredAt: null, readRoles: ['admin'] })).toThrow(TypeError);
    expect(() => Object.assign(fields[0]!.options[0]!, { retired: true })).toThrow(TypeError);
    expect(() => Object.assign(fields[0]!.label, { en: 'changed' })).toThrow(TypeError);
  });

  it('keeps at most MAX_KEPT_DEFINITIONS entries, dropping the least recently used', async () => {
    const k = kept();
    for (let i = 0; i < MAX_KEPT_DEFINITIONS; i++) await k.of(`o${i}`, 'case', '1');
    await k.of('o0', 'case', '1'); // used again: o1 is now the oldest
    await k.of('extra', 'case', '1');
    expect(k.size).toBe(MAX_KEPT_DEFINITIONS);
    const before = reads.length;
    await k.of('o0', 'case', '1');
    expect(reads.length).toBe(before);
    await k.of('o1', 'case', '1');
    expect(reads.length).toBe(before + 1);
  });
});
