import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IMPORT_CUSTOM_TARGET, IMPORT_CUSTOM_WRITER, isImportableCustomField, type CustomValue, type ImportDateFormat, type ImportMapping, type ImportRowProblem } from '@lantern/contracts';
import type { StoredCustomValues } from '../../case-file/custom-values.js';
import { checkValue, CustomFieldsService, CustomValuesService, missesRequired, type CustomField } from '../../features/custom-fields/index.js';
import { DomainError } from '../../kernel/http/domain-error.js';
import { parseDate, splitValues, valueKey } from './import-cells.js';

/** The forms an import writes custom values on: the survivor's and her case's. */
export type ImportCustomForm = 'survivor' | 'case';

/** The organization's definitions of the two forms, read once per check or run. */
export type ImportCustomDefinitions = Record<ImportCustomForm, CustomField[]>;

/** The custom values of one row, by form and key, as the values routes take them. */
export type ImportCustomValues = Record<ImportCustomForm, Record<string, CustomValue>>;

/** `custom.survivor.<key>` as its form and key, or null for a built-in field. */
export function customTarget(target: string): { form: ImportCustomForm; key: string } | null {
  const match = IMPORT_CUSTOM_TARGET.exec(target);
  return match ? { form: match[1] as ImportCustomForm, key: match[2]! } : null;
}

/**
 * A mapping's custom targets the import may not write: a field not on the form, retired, a person, or
 * one caseworkers do not write (docs/imports.md, "Custom fields"). Named by the target, never a value.
 */
export function customMappingProblems(mapping: ImportMapping, definitions: ImportCustomDefinitions): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  for (const target of Object.values(mapping.columns)) {
    const custom = customTarget(target);
    if (!custom) continue;
    const field = definitions[custom.form].find((f) => f.key === custom.key);
    if (!field) problems.push({ field: 'mapping.columns', reason: `maps onto ${target}, which is not a custom field of the ${custom.form} form` });
    else if (!isImportableCustomField(field)) problems.push({ field: 'mapping.columns', reason: `maps onto ${target}, which an import may not write (retired, a person, or not written by caseworkers)` });
  }
  return problems;
}

const YES = new Set(['yes', 'y', 'true', '1', 'si', 'sí', 'x']);
const NO = new Set(['no', 'n', 'false', '0']);

/** An option of a choice field whose label (in any language) is the cell, case and spacing aside. */
function optionOf(field: CustomField, cell: string): string | undefined {
  const key = valueKey(cell);
  return field.options.find((o) => !o.retired && Object.values(o.label).some((label) => typeof label === 'string' && valueKey(label) === key))?.id;
}

/** A cell as the value the values route would take for the field, or undefined when it cannot be one. */
function cellValue(field: CustomField, cell: string, format: ImportDateFormat): unknown {
  switch (field.type) {
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
    case 'date':
      return parseDate(cell, format) ?? undefined;
    case 'yesNo': {
      const key = valueKey(cell);
      return YES.has(key) ? true : NO.has(key) ? false : undefined;
    }
    case 'singleChoice':
      return optionOf(field, cell);
    case 'multipleChoice': {
      const ids = splitValues(cell).map((part) => optionOf(field, part));
      return ids.includes(undefined) ? undefined : [...new Set(ids)];
    }
    default:
      return cell;
  }
}

const REASONS: Partial<Record<CustomField['type'], string>> = {
  date: 'is not a date in the sheet\'s format',
  yesNo: 'is not yes or no',
  singleChoice: 'is not one of the field\'s options',
  multipleChoice: 'holds a value that is not one of the field\'s options',
};

/**
 * A row's custom cells checked against their definitions, by the rules of the values routes (checkValue:
 * type, length, range, options not retired), and the survivor form's required fields it leaves empty.
 * A problem names the field by target and label, never the cell (the admin reads no survivor's data).
 */
export function readCustomCells(row: number, cells: Partial<Record<string, string>>, definitions: ImportCustomDefinitions, format: ImportDateFormat): { values: ImportCustomValues; problems: ImportRowProblem[] } {
  const values: ImportCustomValues = { survivor: {}, case: {} };
  const problems: ImportRowProblem[] = [];
  for (const [target, cell] of Object.entries(cells)) {
    const custom = customTarget(target);
    const field = custom && definitions[custom.form].find((f) => f.key === custom.key);
    if (!custom || !field || cell === undefined) continue;
    const raw = cellValue(field, cell, format);
    const problem = (reason: string): ImportRowProblem => ({ row, field: target, label: field.label, problem: 'invalid', reason });
    if (raw === undefined) {
      problems.push(problem(REASONS[field.type] ?? 'is not valid'));
      continue;
    }
    try {
      values[custom.form][custom.key] = checkValue(field, raw, target, undefined);
    } catch (error) {
      problems.push(problem(error instanceof DomainError ? (Object.values(error.errors ?? {})[0]?.[0] ?? 'is not valid') : 'is not valid'));
    }
  }
  // The survivor's required fields bind her creation, whoever registers her (docs/custom-fields.md), by
  // the rule the write applies again (missesRequired, as CustomValuesService.missingRequired).
  for (const field of definitions.survivor) {
    const target = `custom.survivor.${field.key}`;
    if (!missesRequired(field, values.survivor[field.key]) || problems.some((p) => p.field === target)) continue;
    problems.push({ row, field: target, label: field.label, problem: 'required', reason: 'is required' });
  }
  return { values, problems };
}

type Preset = { id: string; custom: StoredCustomValues; fields: string[] };

/**
 * The custom values of an import (docs/imports.md, "Custom fields"): the definitions a mapping and its rows
 * are checked against, and each imported row's values as the survivors' and cases' own create checks and
 * stores them (CustomValuesService.forNewRecord: the definition's checks, the survivor form's required
 * fields, PII encrypted under the new record's id), as written by the caseworkers who register survivors.
 */
@Injectable()
export class ImportCustom {
  constructor(
    private readonly definitions: CustomFieldsService,
    private readonly values: CustomValuesService,
  ) {}

  async definitionsOf(organizationId: string): Promise<ImportCustomDefinitions> {
    return { survivor: await this.definitions.fieldsOf(organizationId, 'survivor'), case: await this.definitions.fieldsOf(organizationId, 'case') };
  }

  /** The new survivor's and case's ids and stored values; a refusal is a DomainError naming `custom.<form>.<key>`. */
  async presets(values: ImportCustomValues): Promise<{ survivor: Preset; case: Preset }> {
    const survivor = randomUUID();
    const kase = randomUUID();
    return {
      survivor: { id: survivor, ...(await this.values.forNewRecord('survivor', survivor, values.survivor, 'custom.survivor', IMPORT_CUSTOM_WRITER)) },
      case: { id: kase, ...(await this.values.forNewRecord('case', kase, Object.keys(values.case).length > 0 ? values.case : undefined, 'custom.case', IMPORT_CUSTOM_WRITER)) },
    };
  }
}

/** A refused row's reason, naming a custom field by its label (the failed rows' CSV is read by the admin). */
export function customReason(path: string, definitions: ImportCustomDefinitions): string {
  const custom = customTarget(path);
  const field = custom && definitions[custom.form].find((f) => f.key === custom.key);
  return field ? field.label.en : path;
}
