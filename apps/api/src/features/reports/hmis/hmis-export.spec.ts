import { GENDERS } from '@lantern/contracts';
import { destination, hmisFiles, hmisTables, hmisTimestamp, priorLivingSituation, type HmisSource } from './hmis-export.js';
import { DESTINATION, PRIOR_LIVING_SITUATION } from './hmis-csv-spec.js';

const AT = new Date('2026-03-01T12:34:56.789Z');
const ORG = '11111111-1111-4111-8111-111111111111';
const ACTOR = '22222222-2222-4222-8222-222222222222';

const survivor = (id: string, values: Partial<HmisSource['survivors'][number]>): HmisSource['survivors'][number] => ({
  id,
  legalName: null,
  alias: 'Wren',
  dateOfBirth: null,
  birthYear: null,
  gender: null,
  createdAt: AT,
  updatedAt: AT,
  createdBy: null,
  ...values,
});

function source(survivors: HmisSource['survivors']): HmisSource {
  return {
    exportId: 'e'.repeat(32),
    exportedAt: AT,
    from: '2026-01-01',
    to: '2026-03-31',
    actorId: ACTOR,
    organization: { id: ORG, name: 'Harbor, "North"', createdAt: AT, updatedAt: AT },
    users: [{ id: ACTOR, displayName: 'Dana Q. Reyes', email: 'dana@harbor.example', active: true, createdAt: AT, updatedAt: AT }],
    survivors,
    cases: survivors.map((s, i) => ({ id: s.id.replace(/^./, String(i)), survivorId: s.id, openedAt: AT, closedAt: null, exitDestination: null, livingSituation: 37, createdAt: AT, updatedAt: AT, createdBy: null })),
    funderData: [],
    shelterNights: [],
  };
}

/** Issue 16: how Lantern's values become HMIS cells (docs/reports.md, "HMIS CSV"), without a database. */
describe('HMIS CSV mapping', () => {
  it('maps each recorded gender to the FY2024 gender columns, and nothing recorded to GenderNone 99', () => {
    const ids = GENDERS.map((_, i) => `a${i}aaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa`);
    const clients = hmisTables(source(GENDERS.map((gender, i) => survivor(ids[i]!, { gender })))).Client;
    const yes = (row: (typeof clients)[number]) => ['Woman', 'Man', 'NonBinary', 'Transgender', 'GenderNone'].filter((c) => row[c] === 1 || row[c] === 99);
    expect(Object.fromEntries(GENDERS.map((gender, i) => [gender, yes(clients[i]!)]))).toEqual({
      Feminine: ['Woman'],
      Masculine: ['Man'],
      TransgenderFeminine: ['Woman', 'Transgender'],
      TransgenderMasculine: ['Man', 'Transgender'],
      NonConforming: ['NonBinary'],
      NonSpecifiedUnknown: ['Woman', 'Man', 'NonBinary', 'Transgender', 'GenderNone'],
    });
    expect(clients[0]).toMatchObject({ GenderNone: null, Questioning: 0 });
  });

  it('splits a legal name, falls back to the alias as a code name, and approximates a date of birth from the year', () => {
    const clients = hmisTables(
      source([
        survivor('b1bbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', { legalName: '  Ana   María  de la Cruz ', dateOfBirth: '1990-02-03' }),
        survivor('b2bbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', { legalName: 'Oksana', birthYear: 1994 }),
        survivor('b3bbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', {}),
      ]),
    ).Client;
    expect(clients.map((c) => [c.FirstName, c.MiddleName, c.LastName, c.NameDataQuality, c.DOB, c.DOBDataQuality, c.SSN, c.SSNDataQuality])).toEqual([
      ['Ana', 'María de la', 'Cruz', 1, '1990-02-03', 1, null, 99],
      ['Oksana', null, null, 2, '1994-01-01', 2, null, 99],
      ['Wren', null, null, 2, null, 99, null, 99],
    ]);
  });

  it('writes ids without dashes, timestamps in UTC to the second, a living situation outside 3.917 as 99, and quotes only what needs it', () => {
    const tables = hmisTables(source([survivor('c1cccccc-cccc-4ccc-8ccc-cccccccccccc', { alias: 'Rosa, "R"' })]));
    expect(tables.Client[0]!.PersonalID).toBe('c1cccccccccc4ccc8ccccccccccccccc');
    expect(hmisTimestamp(AT)).toBe('2026-03-01 12:34:56');
    // 37 (worker unable to determine) is a destination, not a prior living situation.
    expect(tables.Enrollment[0]!.LivingSituation).toBe(99);
    const files = hmisFiles(tables);
    expect(files['Client.csv'].split('\r\n')[1]).toMatch(/^c1cccccccccc4ccc8ccccccccccccccc,"Rosa, ""R""",,,,2,,99,,99,/);
    expect(files['Organization.csv'].split('\r\n')[1]).toMatch(/^11111111111141118111111111111111,"Harbor, ""North""",1,,2026-03-01 12:34:56,/);
    expect(files['Exit.csv']).toBe(`${files['Exit.csv'].split('\r\n')[0]}\r\n`);
    expect(tables.User).toEqual([expect.objectContaining({ UserID: '22222222222242228222222222222222', UserFirstName: 'Dana', UserLastName: 'Q. Reyes' })]);
  });

  it('maps living situations and destinations onto the FY2024 lists: family and friends by whose home, codes a list lacks as 99', () => {
    expect([312, 422, 313, 423, 335, 336, 435, 116, 327, 426, 37, 17, null].map(priorLivingSituation)).toEqual([335, 335, 336, 336, 335, 336, 435, 116, 99, 99, 99, 99, 99]);
    expect([313, 422, 426, 30, 24, 37, 335, 336, null].map(destination)).toEqual([313, 422, 426, 30, 24, 99, 99, 99, 99]);
    for (const code of [...PRIOR_LIVING_SITUATION, 312, 313, 422, 423, 327, 426, 17, 24, 30, 37]) expect(PRIOR_LIVING_SITUATION).toContain(priorLivingSituation(code));
    for (const code of [...DESTINATION, 335, 336, 37]) expect(DESTINATION).toContain(destination(code));
  });
});
