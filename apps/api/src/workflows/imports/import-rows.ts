import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  EXPLOITATION_TYPES,
  GENDERS,
  IMPORT_MULTI_VALUE_FIELDS,
  IMPORT_REQUIRED_FIELDS,
  IMPORT_VOCABULARY_FIELDS,
  REFERRAL_SOURCES,
  type ExploitationType,
  type ImportField,
  type ImportMapping,
  type ImportRowProblem,
  type ImportVocabularyField,
  type ReferralSource,
} from '@lantern/contracts';
import { CreateSurvivorDto } from '../../features/survivors/index.js';
import { customMappingProblems, readCustomCells, type ImportCustomDefinitions, type ImportCustomValues } from './import-custom.js';
import { parseDate, splitValues, valueKey } from './import-cells.js';
import type { Sheet } from './import-sheet.js';


/** The codes of each vocabulary a column can be mapped onto. */
export const IMPORT_VOCABULARIES: Record<ImportVocabularyField, readonly string[]> = {
  gender: GENDERS,
  referralSource: REFERRAL_SOURCES,
  exploitationTypes: EXPLOITATION_TYPES,
};

/** What one row becomes: a survivor, the case opened for her, and who it is assigned to. */
export interface ImportedRow {
  row: number;
  /** The row's own key (its mapped `importKey` cell), or null: the caller then keys the whole row. */
  ownKey: string | null;
  /** The mapped cells, normalized: what the whole-row key is made of. */
  content: string;
  survivor: CreateSurvivorDto;
  referralSource: ReferralSource | null;
  exploitationTypes: ExploitationType[];
  caseworkerEmail: string | null;
  /** Its custom values (issue 18), checked against their definitions: written by the values' own code. */
  custom: ImportCustomValues;
}

export type RowOutcome = { ok: true; value: ImportedRow } | { ok: false; problems: ImportRowProblem[] };

/** The vocabulary code of a cell: the value mapping first, then the code itself written loosely. */
export function vocabularyCode(field: ImportVocabularyField, cell: string, mapping: ImportMapping): string | null {
  const key = valueKey(cell);
  const mapped = Object.entries(mapping.values[field] ?? {}).find(([raw]) => valueKey(raw) === key)?.[1];
  if (mapped !== undefined) return IMPORT_VOCABULARIES[field].includes(mapped) ? mapped : null;
  return IMPORT_VOCABULARIES[field].find((code) => valueKey(code) === key) ?? null;
}

/** Refuses a mapping that names a field twice or maps onto an unknown field or column. */
export function mappingProblems(mapping: ImportMapping, header: string[], definitions: ImportCustomDefinitions): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = customMappingProblems(mapping, definitions);
  const used = new Map<string, string>();
  for (const [column, field] of Object.entries(mapping.columns)) {
    if (!header.includes(column)) problems.push({ field: `mapping.columns`, reason: `names a column the sheet does not have (${header.length} columns)` });
    const before = used.get(field);
    if (before !== undefined) problems.push({ field: `mapping.columns`, reason: `maps two columns onto ${field}` });
    used.set(field, column);
  }
  for (const required of IMPORT_REQUIRED_FIELDS) {
    if (!used.has(required)) problems.push({ field: 'mapping.columns', reason: `must map a column onto ${required}` });
  }
  for (const [field, values] of Object.entries(mapping.values)) {
    for (const code of Object.values(values ?? {})) {
      if (!IMPORT_VOCABULARIES[field as ImportVocabularyField]?.includes(code)) problems.push({ field: `mapping.values.${field}`, reason: `maps onto a value outside the vocabulary` });
    }
  }
  return problems;
}

/**
 * One sheet row as the records it becomes, or every reason it cannot be imported. The survivor is
 * checked by the same rules as the API's create (CreateSurvivorDto), so an import can write nothing a
 * caseworker could not type. `row` is the sheet's row number (the header is row 1).
 */
export function readRow(sheet: Sheet, index: number, mapping: ImportMapping, formulas: Set<string>, definitions: ImportCustomDefinitions): RowOutcome {
  const row = index + 2;
  const cells = sheet.rows[index]!;
  const problems: ImportRowProblem[] = [];
  const values: Partial<Record<ImportField, string>> = {};
  const customCells: Record<string, string> = {};
  sheet.header.forEach((column, c) => {
    const field = mapping.columns[column];
    if (!field) return;
    if (formulas.has(`${index}:${c}`)) {
      problems.push({ row, field, problem: 'formula', reason: 'is a formula: export the sheet with values only' });
      return;
    }
    const cell = (cells[c] ?? '').trim();
    if (cell === '') return;
    if (field.startsWith('custom.')) customCells[field] = cell;
    else values[field as ImportField] = cell;
  });
  const custom = readCustomCells(row, customCells, definitions, mapping.dateFormat);
  problems.push(...custom.problems.filter((p) => !problems.some((q) => q.field === p.field)));
  for (const required of IMPORT_REQUIRED_FIELDS) {
    if (values[required] === undefined && !problems.some((p) => p.field === required)) problems.push({ row, field: required, problem: 'required', reason: 'is required' });
  }

  const survivor: Record<string, unknown> = {};
  for (const field of ['alias', 'legalName', 'preferredName', 'pronouns', 'phone', 'email'] as const) {
    if (values[field] !== undefined) survivor[field] = values[field];
  }
  if (values.dateOfBirth !== undefined) {
    const date = parseDate(values.dateOfBirth, mapping.dateFormat);
    if (date) survivor.dateOfBirth = date;
    else problems.push({ row, field: 'dateOfBirth', problem: 'date_format', reason: `is not a date in the format ${mapping.dateFormat}` });
  }
  if (values.birthYear !== undefined) {
    if (/^\d{4}$/.test(values.birthYear)) survivor.birthYear = Number(values.birthYear);
    else problems.push({ row, field: 'birthYear', problem: 'not_a_year', reason: 'is not a year' });
  }
  const codes: Partial<Record<ImportVocabularyField, string[]>> = {};
  for (const field of IMPORT_VOCABULARY_FIELDS) {
    const cell = values[field];
    if (cell === undefined) continue;
    const parts = IMPORT_MULTI_VALUE_FIELDS.includes(field) ? splitValues(cell) : [cell];
    const found: string[] = [];
    for (const part of parts) {
      const code = vocabularyCode(field, part, mapping);
      if (code) {
        if (!found.includes(code)) found.push(code);
      } else problems.push({ row, field, problem: 'vocabulary', reason: 'has a value outside the vocabulary: map it in the value mapping' });
    }
    codes[field] = found;
  }
  if (codes.gender?.[0]) survivor.gender = codes.gender[0];

  const dto = plainToInstance(CreateSurvivorDto, survivor);
  for (const error of validateSync(dto, { whitelist: true, forbidNonWhitelisted: true })) {
    if (problems.some((p) => p.field === error.property)) continue;
    const message = Object.values(error.constraints ?? {})[0] ?? 'is not valid';
    problems.push({ row, field: error.property, problem: 'invalid', reason: message.startsWith(error.property) ? message.slice(error.property.length).trim() : message });
  }
  if (dto.dateOfBirth && dto.birthYear !== undefined && dto.birthYear !== null && Number(dto.dateOfBirth.slice(0, 4)) !== dto.birthYear) {
    problems.push({ row, field: 'birthYear', problem: 'invalid', reason: 'does not match dateOfBirth' });
  }
  if (problems.length > 0) return { ok: false, problems };

  const content = Object.entries({ ...values, ...customCells })
    .filter(([field]) => field !== 'importKey')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, value]) => `${field}=${valueKey(value)}`)
    .join('\u001f');
  return {
    ok: true,
    value: {
      row,
      ownKey: values.importKey ?? null,
      content,
      survivor: dto,
      referralSource: (codes.referralSource?.[0] as ReferralSource | undefined) ?? null,
      exploitationTypes: (codes.exploitationTypes ?? []) as ExploitationType[],
      caseworkerEmail: values.caseworkerEmail?.toLowerCase() ?? null,
      custom: custom.values,
    },
  };
}

/** The vocabulary cells no mapping places, with how many rows use each (for the value-mapping step). */
export function unmappedValues(sheet: Sheet, mapping: ImportMapping): { field: ImportVocabularyField; value: string; rows: number }[] {
  const formulas = new Set(sheet.formulas);
  const counts = new Map<string, { field: ImportVocabularyField; value: string; rows: number }>();
  sheet.header.forEach((column, c) => {
    const field = mapping.columns[column];
    if (!field || !(IMPORT_VOCABULARY_FIELDS as readonly string[]).includes(field)) return;
    const vocabulary = field as ImportVocabularyField;
    for (const [r, cells] of sheet.rows.entries()) {
      const cell = (cells[c] ?? '').trim();
      if (!cell || formulas.has(`${r}:${c}`)) continue;
      const parts = IMPORT_MULTI_VALUE_FIELDS.includes(vocabulary) ? splitValues(cell) : [cell];
      for (const part of parts) {
        if (vocabularyCode(vocabulary, part, mapping)) continue;
        const key = `${vocabulary}\u001f${valueKey(part)}`;
        const seen = counts.get(key);
        if (seen) seen.rows++;
        else counts.set(key, { field: vocabulary, value: part.slice(0, 80), rows: 1 });
      }
    }
  });
  return [...counts.values()].sort((a, b) => b.rows - a.rows).slice(0, 200);
}
