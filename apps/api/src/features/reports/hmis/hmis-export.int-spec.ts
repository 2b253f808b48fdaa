import { unzipSync } from 'fflate';
import request from 'supertest';
import { withTwoOrgWorld } from '../../../testing/builders.js';
import { api, FIXTURE_PASSWORD, lastAudit, signIn } from '../../../testing/fixtures.js';
import { closeCase, createSurvivorWithCase, wholeFunderData } from '../../../testing/records.js';
import { HMIS_INSURANCE_TYPES } from '@lantern/contracts';
import { HMIS_FILES, HMIS_FILE_NAMES, INCOME_AMOUNT_COLUMN, type HmisColumn, type HmisFileName } from './hmis-csv-spec.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
type Table = { header: string[]; rows: Record<string, string>[] };

const DAY = 86_400_000;

/** Collects a binary answer (supertest buffers only text by default). */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** RFC 4180, as a receiving HMIS reads it: quoted cells may hold commas, quotes and line breaks; lines end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else if (ch === '\n') throw new Error('a bare LF ends a line');
    else cell += ch;
  }
  if (cell !== '' || record.length > 0) throw new Error('the file does not end with CRLF');
  return records;
}

const isCalendarDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/** What is wrong with one cell, by the specification's column (hmis-csv-spec.ts), or null. */
function cellProblem(column: HmisColumn, value: string): string | null {
  if (value === '') return column.required ? 'is required' : null;
  const type = column.type;
  switch (type.kind) {
    case 'id':
      return value.length <= 32 && /^[A-Za-z0-9]+$/.test(value) ? null : 'is not an id of at most 32 characters';
    case 'text':
      return value.length <= type.max ? null : `is longer than ${type.max}`;
    case 'date':
      return isCalendarDay(value) ? null : 'is not YYYY-MM-DD';
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) && isCalendarDay(value.slice(0, 10)) ? null : 'is not YYYY-MM-DD HH:MM:SS';
    case 'int':
      return /^-?\d+$/.test(value) ? null : 'is not an integer';
    case 'money':
      return /^\d+\.\d{2}$/.test(value) ? null : 'is not an amount with cents';
    case 'code':
      return /^\d+$/.test(value) && type.list.includes(Number(value)) ? null : `is not one of ${type.list.join(', ')}`;
  }
}

/**
 * What breaks the specification's dependencies between columns: the sources of 4.02, 4.03 and 4.04 are
 * 0/1 exactly when their "from any source" is 0 or 1, and with 1 at least one is 1; 3.12.A subsidy types
 * only with 435; 4.11's when and fleeing only for a survivor.
 */
function dependentProblems(tables: Record<HmisFileName, Table>): string[] {
  const problems: string[] = [];
  const groups: [string, readonly string[]][] = [
    ['IncomeFromAnySource', Object.keys(INCOME_AMOUNT_COLUMN)],
    ['BenefitsFromAnySource', ['SNAP', 'WIC', 'TANFChildCare', 'TANFTransportation', 'OtherTANF', 'OtherBenefitsSource']],
    ['InsuranceFromAnySource', [...HMIS_INSURANCE_TYPES]],
  ];
  tables.IncomeBenefits.rows.forEach((row, i) => {
    for (const [any, columns] of groups) {
      const answered = row[any] === '0' || row[any] === '1';
      for (const column of columns) if ((row[column] !== '') !== answered) problems.push(`IncomeBenefits row ${i + 1} ${column} "${row[column]}" with ${any} ${row[any]}`);
      if (row[any] === '1' && !columns.some((c) => row[c] === '1')) problems.push(`IncomeBenefits row ${i + 1} ${any} 1 without a source`);
    }
  });
  tables.Enrollment.rows.forEach((row, i) => {
    if (row.RentalSubsidyType !== '' && row.LivingSituation !== '435') problems.push(`Enrollment row ${i + 1} RentalSubsidyType without 435`);
  });
  tables.Exit.rows.forEach((row, i) => {
    if (row.DestinationSubsidyType !== '' && row.Destination !== '435') problems.push(`Exit row ${i + 1} DestinationSubsidyType without 435`);
  });
  tables.HealthAndDV.rows.forEach((row, i) => {
    for (const column of ['WhenOccurred', 'CurrentlyFleeing']) if ((row[column] !== '') !== (row.DomesticViolenceSurvivor === '1')) problems.push(`HealthAndDV row ${i + 1} ${column}`);
  });
  return problems;
}

/** Issue 16: the HMIS CSV export (FY2024), checked file by file against its specification, on both databases. */
describe('HMIS CSV export', () => {
  const { t, org, other, as: { caseworker: cw, coordinator } } = withTwoOrgWorld(['caseworker', 'coordinator']);
  let from: string;
  let to: string;
  const people: Record<string, { survivorId: string; caseId: string }> = {};

  const day = (offsetDays = 0) => new Date(t.clock.now().getTime() + offsetDays * DAY).toISOString().slice(0, 10);
  const download = (agent: Agent, query: Record<string, string>) => agent.get(api('/reports/hmis-csv/download')).query(query).buffer(true).parse(binary);
  const tablesOf = (zip: Buffer): Record<HmisFileName, Table> => {
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files).sort()).toEqual(HMIS_FILE_NAMES.map((f) => `${f}.csv`).sort());
    return Object.fromEntries(
      HMIS_FILE_NAMES.map((file) => {
        const [header, ...lines] = parseCsv(Buffer.from(files[`${file}.csv`]!).toString('utf8'));
        return [file, { header: header!, rows: lines.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i]!]))) }];
      }),
    ) as Record<HmisFileName, Table>;
  };

  beforeAll(async () => {
    from = day(-30);
    to = day(0);
    const person = async (key: string, survivor: Record<string, unknown>, funderData?: Record<string, unknown>) => {
      const { survivor: s, kase } = await createSurvivorWithCase(cw, survivor);
      people[key] = { survivorId: s.id, caseId: kase.id };
      if (funderData) await cw.post(api('/funder-data')).send({ caseId: kase.id, ...funderData }).expect(201);
      return kase.id;
    };
    // A survivor with her whole answers, a shelter stay that runs past the period, and an intake living situation.
    const maria = await person(
      'maria',
      { legalName: 'María José Pérez-Gómez', dateOfBirth: '1994-03-05', gender: 'TransgenderFeminine' },
      wholeFunderData({
        informationDate: day(0),
        incomeSources: { Earned: 1200, ChildSupport: 150.5 },
        totalMonthlyIncome: 1350.5,
        benefits: ['SNAP', 'WIC'],
        insuranceTypes: ['Medicaid', 'OtherInsurance'],
        dvWhenOccurred: 1,
        dvCurrentlyFleeing: 1,
        lawEnforcementReportedOn: day(-2),
      }),
    );
    // Her case opened five days ago.
    await t.dataSource.query(`UPDATE survivor_case SET opened_at = opened_at - interval '5 days' WHERE id = $1`, [maria]);
    await cw.post(api('/outcomes')).send({ caseId: maria, stage: 'intake', assessedOn: day(0), housingSituation: 435, safetyRating: 2 }).expect(201);
    await cw.post(api('/service-deliveries')).send({ caseId: maria, deliveredOn: day(-1), category: 'emergency_shelter', units: 3, durationMinutes: null }).expect(201);
    await cw.post(api('/service-deliveries')).send({ caseId: maria, deliveredOn: day(-1), category: 'crisis_intervention', durationMinutes: 45 }).expect(201);
    // A survivor known by her alias and birth year only, with a comma in the alias, nothing answered but where she
    // was going (a Family Unification voucher), case closed to a subsidized rental.
    const closed = await person('alias', { alias: 'Rosa, "R"', birthYear: 2001 }, { destinationSubsidyType: 437 });
    await closeCase(cw, closed, { exitDestination: 435 }, t.clock.now());
    // A survivor who declined to give her race, with no income.
    await person('declined', { legalName: 'Ana', gender: 'Feminine' }, { raceNone: 9, incomeFromAnySource: 0, informationDate: day(0), benefitsFromAnySource: 0, insuranceFromAnySource: 0, rentalSubsidyType: 419 });
    // Her case opened two months ago; her answers, collected today, are those of her exit today.
    const leaver = await person('leaver', { alias: 'Lena' }, { informationDate: day(0), incomeFromAnySource: 0, insuranceFromAnySource: 1, insuranceTypes: ['Medicaid'] });
    await t.dataSource.query(`UPDATE survivor_case SET opened_at = opened_at - interval '60 days' WHERE id = $1`, [leaver]);
    await closeCase(cw, leaver, {}, t.clock.now());
    // A case open for more than a year, her answers collected near its anniversary: an annual assessment.
    const yearlong = await person('yearlong', { alias: 'Ines' }, { informationDate: day(-2), incomeFromAnySource: 1, incomeSources: { Earned: 800 }, totalMonthlyIncome: 800, physicalDisability: 1, domesticViolenceSurvivor: 0 });
    await t.dataSource.query(`UPDATE survivor_case SET opened_at = opened_at - interval '370 days' WHERE id = $1`, [yearlong]);
    // A case closed before the period: not an enrollment of it.
    const before = await person('before', { legalName: 'Outside Period' });
    await closeCase(cw, before, {}, t.clock.now());
    await t.dataSource.query(`UPDATE survivor_case SET opened_at = opened_at - interval '90 days', closed_at = closed_at - interval '60 days' WHERE id = $1`, [before]);
    // Another organization's survivor never appears.
    await createSurvivorWithCase(await signIn(t, other.caseworker), { legalName: 'Other Program' });
  });

  it('every file has the header of the specification, and every cell its format and code list', async () => {
    const tables = tablesOf((await download(coordinator, { from, to }).expect(200).expect('content-type', 'application/zip')).body as Buffer);
    for (const file of HMIS_FILE_NAMES) {
      const columns: readonly HmisColumn[] = HMIS_FILES[file];
      expect([file, tables[file].header]).toEqual([file, columns.map((c) => c.name)]);
      const problems: string[] = [];
      tables[file].rows.forEach((row, i) => {
        expect([file, i, Object.keys(row).length]).toEqual([file, i, columns.length]);
        for (const column of columns) {
          const problem = cellProblem(column, row[column.name]!);
          if (problem) problems.push(`${file}.csv row ${i + 1} ${column.name} "${row[column.name]}" ${problem}`);
        }
      });
      expect(problems).toEqual([]);
    }
    expect(dependentProblems(tables)).toEqual([]);
    expect(tables.Export.rows).toHaveLength(1);
    expect(tables.Export.rows[0]).toMatchObject({ CSVVersion: 'FY2024', ExportStartDate: from, ExportEndDate: to, ExportPeriodType: '3', ExportDirective: '2', HashStatus: '1' });
  });

  it('is referentially whole: every id a row names exists, each once; dates stay within their enrollment', async () => {
    const tables = tablesOf((await download(coordinator, { from, to }).expect(200)).body as Buffer);
    const idsOf = (file: HmisFileName, column: string) => tables[file].rows.map((r) => r[column]!);
    for (const [file, key] of [['Organization', 'OrganizationID'], ['Project', 'ProjectID'], ['User', 'UserID'], ['Client', 'PersonalID'], ['Enrollment', 'EnrollmentID'], ['Exit', 'ExitID'], ['IncomeBenefits', 'IncomeBenefitsID'], ['Disabilities', 'DisabilitiesID'], ['HealthAndDV', 'HealthAndDVID'], ['Services', 'ServicesID']] as const) {
      expect([file, new Set(idsOf(file, key)).size]).toEqual([file, tables[file].rows.length]);
    }
    const exportId = tables.Export.rows[0]!.ExportID;
    const users = new Set(idsOf('User', 'UserID'));
    for (const file of HMIS_FILE_NAMES.filter((f) => f !== 'Export')) {
      for (const row of tables[file].rows) {
        expect([file, row.ExportID]).toEqual([file, exportId]);
        if (file !== 'User') expect([file, users.has(row.UserID!)]).toEqual([file, true]);
      }
    }
    expect(tables.Project.rows.every((p) => idsOf('Organization', 'OrganizationID').includes(p.OrganizationID!))).toBe(true);
    const clients = new Set(idsOf('Client', 'PersonalID'));
    const enrollments = new Map(tables.Enrollment.rows.map((e) => [e.EnrollmentID!, e]));
    const exits = new Map(tables.Exit.rows.map((x) => [x.EnrollmentID!, x]));
    for (const e of tables.Enrollment.rows) {
      expect(clients.has(e.PersonalID!)).toBe(true);
      expect(idsOf('Project', 'ProjectID')).toContain(e.ProjectID);
      expect(e.HouseholdID).toBeTruthy();
    }
    for (const file of ['Exit', 'IncomeBenefits', 'Disabilities', 'HealthAndDV', 'Services'] as const) {
      for (const row of tables[file].rows) {
        const enrollment = enrollments.get(row.EnrollmentID!);
        expect([file, row.EnrollmentID, enrollment?.PersonalID]).toEqual([file, row.EnrollmentID, row.PersonalID]);
        const when = row.ExitDate ?? row.InformationDate ?? row.DateProvided!;
        expect([file, when >= enrollment!.EntryDate!]).toEqual([file, true]);
        const exit = exits.get(row.EnrollmentID!);
        if (exit && file !== 'Exit') expect([file, when <= exit.ExitDate!]).toEqual([file, true]);
      }
    }
    // One record per stage (per disability type) and enrollment: the start at the entry, the exit at the exit
    // (for exactly the enrollments that have one), an annual assessment within 30 days of an anniversary.
    const time = (d: string) => Date.parse(`${d}T00:00:00Z`);
    for (const file of ['IncomeBenefits', 'Disabilities', 'HealthAndDV'] as const) {
      const seen = new Set<string>();
      for (const row of tables[file].rows) {
        const key = `${row.EnrollmentID} ${row.DataCollectionStage} ${row.DisabilityType ?? ''}`;
        expect([file, key, seen.has(key)]).toEqual([file, key, false]);
        seen.add(key);
        const enrollment = enrollments.get(row.EnrollmentID!)!;
        const exit = exits.get(row.EnrollmentID!);
        if (row.DataCollectionStage === '1') expect([file, row.InformationDate]).toEqual([file, enrollment.EntryDate]);
        if (row.DataCollectionStage === '3') expect([file, row.InformationDate]).toEqual([file, exit?.ExitDate]);
        if (row.DataCollectionStage === '5') {
          const days = (time(row.InformationDate!) - time(enrollment.EntryDate!)) / DAY;
          const offset = Math.min(...[1, 2, 3, 4, 5].map((k) => Math.abs(days - 365.25 * k)));
          expect([file, row.InformationDate, offset <= 31]).toEqual([file, row.InformationDate, true]);
        }
      }
      const exitsOf = tables[file].rows.filter((r) => r.DataCollectionStage === '3').map((r) => r.EnrollmentID);
      expect([file, [...new Set(exitsOf)].sort()]).toEqual([file, [...exits.keys()].sort()]);
    }
    // Every enrollment has its project-start income and domestic-violence records.
    for (const file of ['IncomeBenefits', 'HealthAndDV'] as const) {
      const starts = tables[file].rows.filter((r) => r.DataCollectionStage === '1').map((r) => r.EnrollmentID);
      expect([file, [...starts].sort()]).toEqual([file, [...enrollments.keys()].sort()]);
    }
    // …and one project-start record of each disability type.
    const types = tables.Disabilities.rows.filter((r) => r.DataCollectionStage === '1').map((r) => `${r.EnrollmentID} ${r.DisabilityType}`);
    expect(types.sort()).toEqual([...enrollments.keys()].flatMap((e) => ['5', '6', '7', '8', '9', '10'].map((type) => `${e} ${type}`)).sort());
  });

  it("reconciles with the file: one client per survivor with an enrollment in the period, and each person's answers exactly", async () => {
    const res = await download(coordinator, { from, to }).expect(200);
    const tables = tablesOf(res.body as Buffer);
    const expected = (await t.dataSource.query(
      `SELECT DISTINCT survivor_id AS id FROM survivor_case
        WHERE organization_id = $1 AND opened_at < ($3::date + 1) AND (closed_at IS NULL OR closed_at >= $2::date)`,
      [org.organizationId, from, to],
    )) as { id: string }[];
    const hex = (id: string) => id.replace(/-/g, '');
    expect(tables.Client.rows.map((c) => c.PersonalID).sort()).toEqual(expected.map((r) => hex(r.id)).sort());
    expect(tables.Client.rows).toHaveLength(5);
    expect(new Set(tables.Enrollment.rows.map((e) => e.PersonalID)).size).toBe(tables.Client.rows.length);

    const client = (key: string) => tables.Client.rows.find((c) => c.PersonalID === hex(people[key]!.survivorId))!;
    const enrollment = (key: string) => tables.Enrollment.rows.find((e) => e.EnrollmentID === hex(people[key]!.caseId))!;
    expect(client('maria')).toMatchObject({
      FirstName: 'María',
      MiddleName: 'José',
      LastName: 'Pérez-Gómez',
      NameDataQuality: '1',
      SSN: '',
      SSNDataQuality: '99',
      DOB: '1994-03-05',
      DOBDataQuality: '1',
      HispanicLatinaeo: '1',
      White: '1',
      Asian: '0',
      RaceNone: '',
      Woman: '1',
      Transgender: '1',
      Man: '0',
      GenderNone: '',
      VeteranStatus: '0',
    });
    expect(client('alias')).toMatchObject({ FirstName: 'Rosa, "R"', LastName: '', NameDataQuality: '2', DOB: '2001-01-01', DOBDataQuality: '2', RaceNone: '99', GenderNone: '99', VeteranStatus: '99' });
    expect(client('declined')).toMatchObject({ FirstName: 'Ana', NameDataQuality: '2', DOB: '', DOBDataQuality: '99', RaceNone: '9', White: '0', Woman: '1' });
    expect(enrollment('maria')).toMatchObject({ RelationshipToHoH: '1', DisablingCondition: '1', LivingSituation: '435', RentalSubsidyType: '433', EntryDate: day(-5) });
    expect(enrollment('alias')).toMatchObject({ RelationshipToHoH: '99', DisablingCondition: '99', LivingSituation: '99', RentalSubsidyType: '' });
    // A subsidy type recorded without living situation 435 is not exported.
    expect(enrollment('declined')).toMatchObject({ LivingSituation: '99', RentalSubsidyType: '' });
    expect(tables.Exit.rows.map((x) => x.EnrollmentID).sort()).toEqual([hex(people.alias!.caseId), hex(people.leaver!.caseId)].sort());
    expect(tables.Exit.rows.find((x) => x.EnrollmentID === hex(people.alias!.caseId))).toMatchObject({ ExitDate: day(0), Destination: '435', DestinationSubsidyType: '437' });

    // Her income was collected after her entry: the project-start record says not collected, an update has it.
    const incomes = tables.IncomeBenefits.rows.filter((r) => r.EnrollmentID === hex(people.maria!.caseId));
    expect(incomes.map((r) => [r.DataCollectionStage, r.InformationDate, r.IncomeFromAnySource])).toEqual([
      ['1', day(-5), '99'],
      ['2', day(0), '1'],
    ]);
    expect(incomes[1]).toMatchObject({ IncomeFromAnySource: '1', TotalMonthlyIncome: '1350.50', Earned: '1', EarnedAmount: '1200.00', ChildSupport: '1', ChildSupportAmount: '150.50', SSI: '0', SSIAmount: '', BenefitsFromAnySource: '1', SNAP: '1', WIC: '1', OtherTANF: '0', InsuranceFromAnySource: '1', Medicaid: '1', OtherInsurance: '1', Medicare: '0', NoMedicaidReason: '' });
    expect(incomes[0]).toMatchObject({ InsuranceFromAnySource: '99', Medicaid: '' });
    expect(tables.IncomeBenefits.rows.find((r) => r.EnrollmentID === hex(people.declined!.caseId))).toMatchObject({ IncomeFromAnySource: '0', Earned: '0', BenefitsFromAnySource: '0', SNAP: '0', InsuranceFromAnySource: '0', Medicaid: '0', IndianHealthServices: '0' });
    expect(tables.IncomeBenefits.rows.find((r) => r.EnrollmentID === hex(people.alias!.caseId))).toMatchObject({ IncomeFromAnySource: '99', Earned: '', SNAP: '', InsuranceFromAnySource: '99', COBRA: '' });
    const disabilities = (key: string, stage: string) =>
      tables.Disabilities.rows
        .filter((r) => r.EnrollmentID === hex(people[key]!.caseId) && r.DataCollectionStage === stage)
        .map((r) => [r.DisabilityType, r.DisabilityResponse, r.IndefiniteAndImpairs]);
    expect(disabilities('maria', '1').map(([, response]) => response)).toEqual(['99', '99', '99', '99', '99', '99']);
    expect(disabilities('maria', '2')).toEqual([
      ['5', '99', ''],
      ['6', '99', ''],
      ['7', '99', ''],
      ['8', '99', ''],
      ['9', '1', '99'],
      ['10', '2', '99'],
    ]);
    const dv = (key: string) => tables.HealthAndDV.rows.filter((r) => r.EnrollmentID === hex(people[key]!.caseId)).map((r) => [r.DataCollectionStage, r.DomesticViolenceSurvivor, r.WhenOccurred, r.CurrentlyFleeing]);
    expect(dv('maria')).toEqual([
      ['1', '99', '', ''],
      ['2', '1', '1', '1'],
    ]);
    // Her answers carry no date: they are the start's, and nobody asked at her exit.
    expect(dv('alias')).toEqual([
      ['1', '99', '', ''],
      ['3', '99', '', ''],
    ]);

    // Records at exit and at the annual assessment, as the one information date places them (hmis-stages.ts).
    const stagesOf = (key: string) =>
      tables.IncomeBenefits.rows.filter((r) => r.EnrollmentID === hex(people[key]!.caseId)).map((r) => [r.DataCollectionStage, r.InformationDate, r.IncomeFromAnySource, r.InsuranceFromAnySource]);
    expect(stagesOf('leaver')).toEqual([
      ['1', day(-60), '99', '99'],
      ['3', day(0), '0', '1'],
    ]);
    expect(tables.Exit.rows.find((x) => x.EnrollmentID === hex(people.leaver!.caseId))).toMatchObject({ ExitDate: day(0), DestinationSubsidyType: '' });
    expect(stagesOf('yearlong')).toEqual([
      ['1', day(-370), '99', '99'],
      ['5', day(-2), '1', '99'],
    ]);
    expect(disabilities('yearlong', '5').map(([type, response]) => `${type}:${response}`)).toEqual(['5:1', '6:99', '7:99', '8:99', '9:99', '10:99']);
    expect(dv('yearlong')).toEqual([
      ['1', '99', '', ''],
      ['5', '0', '', ''],
    ]);
    // Three nights from yesterday: the two within the period are bed nights; the crisis intervention has no HMIS record type.
    expect(tables.Services.rows.map((s) => [s.PersonalID, s.DateProvided, s.RecordType, s.TypeProvided])).toEqual([
      [hex(people.maria!.survivorId), day(-1), '200', '200'],
      [hex(people.maria!.survivorId), day(0), '200', '200'],
    ]);

    // One audit row names the period, the files and every survivor in them.
    expect(await lastAudit(t, org.coordinator.id, 'export')).toMatchObject({
      subjectType: 'FunderReport',
      fields: [...HMIS_FILE_NAMES].sort(),
      reason: expect.stringMatching(new RegExp(`^hmis_csv ${from}\\.\\.${to} zip export [0-9a-f]{32}$`)),
      subjectIds: expect.arrayContaining(expected.map((r) => r.id)),
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="hmis-csv-fy2024-${from}-${to}.zip"`);
  });

  it("an admin's export carries aliases and birth years, never a legal name or a date of birth: she reads no survivor file", async () => {
    const res = await download(await signIn(t, org.admin), { from, to }).expect(200);
    const tables = tablesOf(res.body as Buffer);
    const hex = (id: string) => id.replace(/-/g, '');
    const maria = tables.Client.rows.find((c) => c.PersonalID === hex(people.maria!.survivorId))!;
    const [survivor] = (await t.dataSource.query(`SELECT alias, birth_year FROM survivor WHERE id = $1`, [people.maria!.survivorId])) as { alias: string; birth_year: number }[];
    expect(maria).toMatchObject({ FirstName: survivor!.alias, MiddleName: '', LastName: '', NameDataQuality: '2', DOB: `${survivor!.birth_year}-01-01`, DOBDataQuality: '2' });
    const everything = JSON.stringify(tables);
    for (const secret of ['Pérez-Gómez', 'María', '1994-03-05']) expect(everything).not.toContain(secret);
    // The same people, the same enrollments and answers as a coordinator's export.
    expect(tables.Client.rows).toHaveLength(5);
    expect(maria).toMatchObject({ HispanicLatinaeo: '1', White: '1', Woman: '1', VeteranStatus: '0' });
  });

  it('needs a step-up; a period with nothing in it makes no file; caseworkers and analysts are refused', async () => {
    const admin = await signIn(t, org.admin);
    await download(admin, { from, to }).expect(200);
    await t.dataSource.query(`UPDATE session SET step_up_at = step_up_at - interval '1 hour' WHERE user_id = $1`, [org.admin.id]);
    const stale = await download(admin, { from, to }).expect(403);
    expect(JSON.parse((stale.body as Buffer).toString('utf8')).code).toBe('AUTH_STEP_UP_REQUIRED');
    await admin.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
    const empty = await download(admin, { from: '2010-01-01', to: '2010-03-31' }).expect(422);
    expect(JSON.parse((empty.body as Buffer).toString('utf8')).code).toBe('REPORT_PERIOD_EMPTY');
    const bad = await download(admin, { from: to, to: from }).expect(400);
    expect(Object.keys(JSON.parse((bad.body as Buffer).toString('utf8')).errors)).toEqual(['to']);
    for (const role of ['caseworker', 'analyst', 'partner'] as const) await download(await signIn(t, org[role]), { from, to }).expect(403);
  });
});
