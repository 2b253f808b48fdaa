import { ENCRYPTED_COLUMNS } from '../../kernel/crypto/key-rotation.js';
import { SURVIVOR_DATA } from './survivor-data-map.js';
import { withTestApp } from '../../testing/builders.js';

/**
 * The map of survivor data (survivor-data-map.ts) against the database's own catalogue: a new table tied
 * to a survivor or a case, or a new encrypted column on one, fails here until the map says what erasure
 * does with it.
 */
describe('the survivor data map', () => {
  let columns: Map<string, Set<string>>;

  const t = withTestApp();
  beforeAll(async () => {
    const rows = (await t.dataSource.query(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'`,
    )) as { table_name: string; column_name: string }[];
    columns = new Map();
    for (const r of rows) columns.set(r.table_name, (columns.get(r.table_name) ?? new Set()).add(r.column_name));
  });

  it('names every table with a survivor_id or case_id column', () => {
    const tied = [...columns].filter(([, cols]) => cols.has('survivor_id') || cols.has('case_id')).map(([table]) => table).sort();
    const mapped = new Set(SURVIVOR_DATA.map((e) => e.table));
    expect(tied.length).toBeGreaterThan(20);
    expect(tied.filter((table) => !mapped.has(table))).toEqual([]);
  });

  it('names only tables and columns that exist, each table once', () => {
    const names = SURVIVOR_DATA.map((e) => e.table);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of SURVIVOR_DATA) {
      const cols = columns.get(entry.table);
      expect([entry.table, cols !== undefined]).toEqual([entry.table, true]);
      const erasure = entry.erasure;
      const named = erasure.kind === 'scrub' ? [...(erasure.clear ?? []), ...(erasure.emptyCiphertext ?? []), ...Object.keys(erasure.set ?? {})] : [];
      expect([entry.table, named.filter((c) => !cols!.has(c))]).toEqual([entry.table, []]);
    }
  });

  it('erases every encrypted column of the tables it maps (the documents feature destroys the data key)', () => {
    for (const entry of SURVIVOR_DATA) {
      const encrypted = ENCRYPTED_COLUMNS.filter((c) => c.table === entry.table).map((c) => c.column);
      const erasure = entry.erasure;
      const handled = erasure.kind === 'delete' ? encrypted : erasure.kind === 'scrub' ? [...(erasure.clear ?? []), ...(erasure.emptyCiphertext ?? [])] : [];
      const left = encrypted.filter((c) => !handled.includes(c) && !(entry.purgedByDocuments && c === 'wrapped_key'));
      expect([entry.table, left]).toEqual([entry.table, []]);
    }
  });

  it('finds rows by a condition the database accepts', async () => {
    for (const entry of SURVIVOR_DATA) {
      await t.dataSource.query(`SELECT count(*) FROM "${entry.table}" t WHERE (${entry.rows})`, ['00000000-0000-0000-0000-000000000000']);
    }
  });
});
