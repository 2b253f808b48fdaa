import type { EntityManager } from 'typeorm';
import type { Plain } from '../../kernel/http/serialize.js';
import { pageMemo, RelationMemo, withRelations, type Need } from './relations.js';

/**
 * relations.ts on an in-memory manager that records every query: with a memo, a read's checks load each
 * relation once (none for the record in hand), and decide on exactly the records they would without it.
 */
const need = (fields: string[], relations: Record<string, Need> = {}): Need => ({ fields: new Set(fields), relations: new Map(Object.entries(relations)) });

const tables: Record<string, Plain[]> = {
  Case: [
    { id: 'c1', survivorId: 's1', assignedCaseworkerId: 'u1', organizationId: 'o1', status: 'active' },
    { id: 'c2', survivorId: 's1', assignedCaseworkerId: 'u2', organizationId: 'o1', status: 'closed' },
    { id: 'c3', survivorId: 's2', assignedCaseworkerId: 'u1', organizationId: 'o1', status: 'active' },
  ],
  Survivor: [
    { id: 's1', createdBy: 'u1', organizationId: 'o1' },
    { id: 's2', createdBy: 'u2', organizationId: 'o1' },
  ],
  BreakGlassGrant: [{ id: 'g1', survivorId: 's1', userId: 'u3', expiresAt: new Date('2026-12-07T12:00:00Z') }],
};

function recordingManager() {
  const queries: string[] = [];
  const manager = {
    getRepository: (entity: string) => ({
      find: async ({ select, where }: { select: Record<string, true>; where: Record<string, { value: string[] }> }) => {
        const [[key, operator]] = Object.entries(where);
        queries.push(`${entity}.${key} in ${[...operator!.value].sort().join(',')}: ${Object.keys(select).sort().join(',')}`);
        return tables[entity]!.filter((row) => operator!.value.includes(row[key!] as string)).map((row) => Object.fromEntries(Object.keys(select).map((f) => [f, row[f]])));
      },
    }),
  } as unknown as EntityManager;
  return { manager, queries };
}

// What a case's permissions check loads (features/cases/cases.service.ts): an intake through its case, a
// consent through its survivor and her cases and grants, the survivor with her cases and grants.
const onCase = need([], { case: need(['assignedCaseworkerId']) });
const survivorWithTies = need([], { cases: need(['assignedCaseworkerId']), grants: need(['userId', 'expiresAt']) });
const onSurvivor = need([], { survivor: survivorWithTies });
const child = { organizationId: 'o1', caseId: 'c1', survivorId: 's1' };

async function checks(manager: EntityManager, memo?: RelationMemo): Promise<Plain[][]> {
  return [
    await withRelations(manager, 'Intake', [child], onCase, memo),
    await withRelations(manager, 'Consent', [child], onSurvivor, memo),
    await withRelations(manager, 'Survivor', [{ id: 's1', organizationId: 'o1', createdBy: null }], survivorWithTies, memo),
  ];
}

describe('RelationMemo', () => {
  it('loads each relation once for the checks of one read, none for the record in hand, and decides on the same records', async () => {
    const plain = recordingManager();
    const without = await checks(plain.manager);
    expect(plain.queries).toHaveLength(6);

    const memoized = recordingManager();
    const memo = new RelationMemo().seed('Case', [tables.Case![0]!]);
    expect(await checks(memoized.manager, memo)).toEqual(without);
    expect(memoized.queries).toEqual([
      'Survivor.id in s1: id',
      'Case.survivorId in s1: assignedCaseworkerId,id,survivorId',
      'BreakGlassGrant.survivorId in s1: expiresAt,id,survivorId,userId',
    ]);
    // The intake's case came from the record in hand, as the database would have given it.
    expect(without[0]![0]!.case).toEqual({ id: 'c1', assignedCaseworkerId: 'u1' });
  });

  it('reads again what an earlier load does not cover: other keys, or more fields', async () => {
    const { manager, queries } = recordingManager();
    const memo = new RelationMemo();
    await withRelations(manager, 'Survivor', [{ id: 's1' }], need([], { cases: need(['status']) }), memo);
    // More fields than loaded: read again.
    const wider = await withRelations(manager, 'Survivor', [{ id: 's1' }], need([], { cases: need(['status', 'assignedCaseworkerId']) }), memo);
    // A key not loaded: read again.
    const other = await withRelations(manager, 'Survivor', [{ id: 's2' }], need([], { cases: need(['status']) }), memo);
    // Fewer fields, keys already loaded: answered from the first load, only what was asked.
    const narrower = await withRelations(manager, 'Survivor', [{ id: 's1' }], need([], { cases: need([]) }), memo);
    expect(queries).toEqual([
      'Case.survivorId in s1: id,status,survivorId',
      'Case.survivorId in s1: assignedCaseworkerId,id,status,survivorId',
      'Case.survivorId in s2: id,status,survivorId',
    ]);
    expect(wider[0]!.cases).toEqual([
      { id: 'c1', survivorId: 's1', status: 'active', assignedCaseworkerId: 'u1' },
      { id: 'c2', survivorId: 's1', status: 'closed', assignedCaseworkerId: 'u2' },
    ]);
    expect(other[0]!.cases).toEqual([{ id: 'c3', survivorId: 's2', status: 'active' }]);
    expect(narrower[0]!.cases).toEqual([
      { id: 'c1', survivorId: 's1' },
      { id: 'c2', survivorId: 's1' },
    ]);
  });

  it('takes what the read preloaded (a case\'s survivor and her cases) and reads only the rest; a preload short of a field is read again', async () => {
    const plain = recordingManager();
    const without = await checks(plain.manager);
    const { manager, queries } = recordingManager();
    const memo = new RelationMemo()
      .seed('Case', [tables.Case![0]!])
      .preload('Survivor', 'id', ['s1'], ['id', 'organizationId', 'createdBy'], [{ id: 's1', organizationId: 'o1', createdBy: 'u1' }])
      .preload('Case', 'survivorId', ['s1'], ['id', 'survivorId', 'assignedCaseworkerId'], tables.Case!.slice(0, 2).map(({ id, survivorId, assignedCaseworkerId }) => ({ id, survivorId, assignedCaseworkerId })));
    expect(await checks(manager, memo)).toEqual(without);
    expect(queries).toEqual(['BreakGlassGrant.survivorId in s1: expiresAt,id,survivorId,userId']);
    // The cases' status was not preloaded: a check that looks at it reads them.
    const [survivor] = await withRelations(manager, 'Survivor', [{ id: 's1' }], need([], { cases: need(['status']) }), memo);
    expect(queries.at(-1)).toBe('Case.survivorId in s1: id,status,survivorId');
    expect(survivor!.cases).toEqual([
      { id: 'c1', survivorId: 's1', status: 'active' },
      { id: 'c2', survivorId: 's1', status: 'closed' },
    ]);
  });

  it('joins a page\'s preloads of one relation into one load: the page\'s check reads nothing, and decides as with the database', async () => {
    // Three notes of two cases: each row's statement brought its own case, the first two the same one.
    const notes = [
      { id: 'n1', organizationId: 'o1', caseId: 'c1' },
      { id: 'n2', organizationId: 'o1', caseId: 'c1' },
      { id: 'n3', organizationId: 'o1', caseId: 'c3' },
    ];
    const caseOf = (id: string) => tables.Case!.filter((c) => c.id === id).map(({ id: caseId, assignedCaseworkerId }) => ({ id: caseId, assignedCaseworkerId }));
    const plain = recordingManager();
    const without = await withRelations(plain.manager, 'CaseNote', notes, onCase);
    expect(plain.queries).toEqual(['Case.id in c1,c3: assignedCaseworkerId,id']);

    const { manager, queries } = recordingManager();
    const memo = pageMemo('CaseNote', notes, (note) => [{ subject: 'Case', foreignKey: 'id', keys: [note.caseId], fields: ['id', 'assignedCaseworkerId'], rows: caseOf(note.caseId) }]);
    expect(await withRelations(manager, 'CaseNote', notes, onCase, memo)).toEqual(without);
    expect(queries).toEqual([]);
    // The case both rows brought is there once, as the database gives it.
    expect(without.map((n) => n.case)).toEqual([caseOf('c1')[0], caseOf('c1')[0], caseOf('c3')[0]]);

    // A row whose statement brought no case (an empty relation) is answered as empty, not read again;
    // a check that needs a field no row brought still reads the database.
    const empty = recordingManager();
    const partial = pageMemo('CaseNote', notes, (note) => [{ subject: 'Case', foreignKey: 'id', keys: [note.caseId], fields: ['id', 'assignedCaseworkerId'], rows: note.id === 'n3' ? [] : caseOf(note.caseId) }]);
    const checked = await withRelations(empty.manager, 'CaseNote', notes, onCase, partial);
    expect(empty.queries).toEqual([]);
    expect(checked[2]!.case).toBeNull();
    await withRelations(empty.manager, 'CaseNote', notes, need([], { case: need(['status']) }), partial);
    expect(empty.queries).toEqual(['Case.id in c1,c3: id,status']);
  });

  it('does not take a seeded record for one it lacks a field of', async () => {
    const { manager, queries } = recordingManager();
    const memo = new RelationMemo().seed('Case', [{ id: 'c1', survivorId: 's1' }]);
    const [intake] = await withRelations(manager, 'Intake', [child], onCase, memo);
    expect(queries).toEqual(['Case.id in c1: assignedCaseworkerId,id']);
    expect(intake!.case).toEqual({ id: 'c1', assignedCaseworkerId: 'u1' });
  });
});
