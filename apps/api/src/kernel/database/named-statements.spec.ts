import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { StatementNames } from './named-statements.js';

/** Only the options are read: a server is given as a URL, the embedded database as a host and port. */
const server = { options: { url: 'postgres://db/lantern' } } as unknown as DataSource;
const embedded = { options: { host: '127.0.0.1', port: 5433 } } as unknown as DataSource;

describe('StatementNames', () => {
  it('gives each text one name for good, never one name to two texts, and at most `max` names', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 60 }), fc.integer({ min: 0, max: 12 }), (texts, max) => {
        const names = new StatementNames(server, 'lantern_t', max);
        const given = new Map<string, string | undefined>();
        for (const text of texts) {
          const name = names.nameOf(text);
          // Once named (or once refused for the bound), always the same answer for the same text.
          if (given.has(text) && given.get(text) !== undefined) expect(name).toBe(given.get(text));
          if (!given.has(text) || given.get(text) === undefined) given.set(text, name);
        }
        const named = [...given.values()].filter((n) => n !== undefined);
        expect(new Set(named).size).toBe(named.length);
        expect(named.length).toBe(Math.min(max, new Set(texts).size));
        expect(names.size).toBeLessThanOrEqual(max);
        for (const name of named) expect(name).toMatch(/^lantern_t_\d+_\d+$/);
      }),
    );
  });

  it('never gives one name to two texts, even from two namers of one pool', () => {
    const a = new StatementNames(server, 'lantern_t', 5);
    const b = new StatementNames(server, 'lantern_t', 5);
    const names = ['SELECT 1', 'SELECT 2'].flatMap((text) => [a.nameOf(text), b.nameOf(text)]);
    expect(new Set(names).size).toBe(4);
  });

  it('names nothing on the embedded database (one session for every connection)', () => {
    const names = new StatementNames(embedded, 'lantern_t', 10);
    expect(names.nameOf('SELECT 1')).toBeUndefined();
    expect(names.size).toBe(0);
  });
});
