import { createHash } from 'node:crypto';
import type { ExactTable } from '@lantern/anonymize';
import {
  CUSTOM_METRIC_POPULATION,
  CUSTOM_METRIC_PREFIX,
  isCustomMetricTable,
  type CustomFieldEntity,
  type CustomFieldLabel,
  type CustomFieldResponse,
  type MetricCustomTable,
} from '@lantern/contracts';
import type { EntityManager } from 'typeorm';
import { badRequest } from '../../kernel/http/domain-error.js';
import { CONSENTED, OPENED, OPENED_CUSTOM, params, type PeriodWindow } from './metric-queries.js';

/**
 * Tables fed by an organization's own fields (issue 18; docs/metrics-method.md, "Custom fields"). Only
 * yes/no and choice fields marked `metrics` (never PII: the definition refuses it, and the read below
 * leaves PII out again), on the kinds of record of OPENED_CUSTOM. Each counts the survivors of the
 * cases-opened tables (consented, their latest case opened in the period, its intake once submitted), so
 * every survivor is in exactly one cell of each table and the same protection applies as to any table
 * of the catalogue: threshold, rounding, homogeneity (the dimension is treated as sensitive: Lantern does
 * not know what the question asks), suppression proved across releases, noise and its budget.
 */

/** The kinds of record whose custom values may feed the metrics. */
export const CUSTOM_METRIC_ENTITIES = Object.keys(OPENED_CUSTOM) as CustomFieldEntity[];

const WORDS: Record<string, Record<string, string>> = {
  yes: { en: 'Yes', es: 'Sí' },
  no: { en: 'No', es: 'No' },
  chosen: { en: 'Chosen', es: 'Elegida' },
  not_chosen: { en: 'Not chosen', es: 'No elegida' },
  unknown: { en: 'Not answered', es: 'Sin respuesta' },
  no_or_unknown: { en: 'No or not answered', es: 'No o sin respuesta' },
  not_chosen_or_unknown: { en: 'Not chosen or not answered', es: 'No elegida o sin respuesta' },
};

export interface CustomMetricTable {
  id: string;
  title: string;
  field: CustomFieldResponse;
  /** A multiple-choice field's option this table counts, or null. */
  optionId: string | null;
  values: string[];
  bands?: Record<string, string>;
  custom: MetricCustomTable;
}

const labelOf = (label: CustomFieldLabel): Record<string, string> => Object.fromEntries(Object.entries(label).filter((e): e is [string, string] => typeof e[1] === 'string'));

/** The tables the fields give, in the fields' order: one per yes/no or single-choice field, one per option of a multiple choice. */
export function customMetricTables(fields: CustomFieldResponse[]): CustomMetricTable[] {
  const tables: CustomMetricTable[] = [];
  for (const field of fields) {
    if (field.pii || !field.metrics) continue;
    const base = { key: field.key, entity: field.entity, label: labelOf(field.label) };
    if (field.type === 'yesNo') {
      const values = ['yes', 'no', 'unknown'];
      const bands = { no: 'no_or_unknown', unknown: 'no_or_unknown' };
      tables.push({ id: `${CUSTOM_METRIC_PREFIX}${field.id}`, title: field.label.en, field, optionId: null, values, bands, custom: { ...base, option: null, values: pick(values, bands) } });
    } else if (field.type === 'singleChoice') {
      // Retired options stay values: records keep them.
      const values = [...field.options.map((o) => o.id!), 'unknown'];
      const words = { ...Object.fromEntries(field.options.map((o) => [o.id!, labelOf(o.label)])), unknown: WORDS.unknown! };
      tables.push({ id: `${CUSTOM_METRIC_PREFIX}${field.id}`, title: field.label.en, field, optionId: null, values, custom: { ...base, option: null, values: words } });
    } else if (field.type === 'multipleChoice') {
      for (const option of field.options.filter((o) => !o.retired)) {
        const values = ['chosen', 'not_chosen', 'unknown'];
        const bands = { not_chosen: 'not_chosen_or_unknown', unknown: 'not_chosen_or_unknown' };
        tables.push({
          id: `${CUSTOM_METRIC_PREFIX}${field.id}.${optionTag(option.id!)}`,
          title: `${field.label.en}: ${option.label.en}`,
          field,
          optionId: option.id!,
          values,
          bands,
          custom: { ...base, option: labelOf(option.label), values: pick(values, bands) },
        });
      }
    }
  }
  return tables;
}

/**
 * An option's part of its table id: 12 hex characters of its id's SHA-256, so the id stays within the
 * 60 characters a release's table ids and the 64 of an audit row's fields take, whatever the option's id.
 */
export const optionTag = (optionId: string): string => createHash('sha256').update(optionId).digest('hex').slice(0, 12);

function pick(values: string[], bands: Record<string, string>): Record<string, Record<string, string>> {
  return Object.fromEntries([...values, ...Object.values(bands)].map((v) => [v, WORDS[v]!]));
}

/** Exact counts of one custom table: the value of each survivor of `opened`, by field id (a bound parameter). */
export async function customCounts(manager: EntityManager, table: CustomMetricTable, window: PeriodWindow): Promise<Record<string, number>> {
  const column = `custom_${table.field.entity}`;
  const value = `(${column} -> CAST($5 AS text))`;
  const expression =
    table.field.type === 'yesNo'
      ? `CASE WHEN ${value} = 'true'::jsonb THEN 'yes' WHEN ${value} = 'false'::jsonb THEN 'no' ELSE 'unknown' END`
      : table.optionId
        ? `CASE WHEN jsonb_typeof(${value}) <> 'array' OR ${value} IS NULL THEN 'unknown' WHEN jsonb_exists(${value}, CAST($6 AS text)) THEN 'chosen' ELSE 'not_chosen' END`
        : `CASE WHEN jsonb_typeof(${value}) = 'string' THEN ${value} #>> '{}' ELSE 'unknown' END`;
  const rows: { d1: string; n: number }[] = await manager.query(
    `WITH ${CONSENTED}, ${OPENED} SELECT ${expression} AS d1, count(*)::int AS n FROM opened GROUP BY 1`,
    [...params(window), table.field.id, ...(table.optionId ? [table.optionId] : [])],
  );
  const counts: Record<string, number> = {};
  for (const row of rows) {
    // A value outside the field's options would be a bug, not data: it stops the release.
    if (!table.values.includes(row.d1)) throw new Error(`Metric table ${table.id} produced a value outside its vocabulary`);
    counts[row.d1] = row.n;
  }
  return counts;
}

/** The table as the protection library takes it: one sensitive dimension, `custom.<key>`, one survivor per cell. */
export function customExactTable(table: CustomMetricTable, counts: Record<string, number>): ExactTable {
  const name = table.optionId ? `custom.${table.field.key}.${table.optionId}` : `custom.${table.field.key}`;
  return { id: table.id, dimensions: [{ name, values: table.values, ...(table.bands ? { bands: table.bands } : {}), sensitive: true }], counts, maxContribution: 1 };
}

/** A custom table as the catalogue lists it beside the fixed tables: its one dimension is the field. */
export function customCatalogueEntry(table: CustomMetricTable) {
  const dimension = { name: `custom.${table.field.key}`, label: table.title, values: table.values, vocabulary: 'Lantern (custom field)', ...(table.bands ? { bands: table.bands } : {}), sensitive: true };
  return { id: table.id, ...customDefinition(table), dimensions: [dimension], custom: table.custom };
}

/** What a custom table counts, as the catalogue says it of a fixed table. */
export const customDefinition = (table: CustomMetricTable) => ({ title: table.title, population: CUSTOM_METRIC_POPULATION, unit: 'survivors' as const });

/**
 * The custom tables a release asks for: those `requested` names (every one when it names none). A custom
 * id that is not a table of a field feeding the metrics now is refused, naming `tables`.
 */
export function chosenCustomTables(requested: readonly string[] | undefined, available: CustomMetricTable[]): string[] {
  const ids = available.map((t) => t.id);
  const unknown = (requested ?? []).filter((id) => isCustomMetricTable(id) && !ids.includes(id));
  if (unknown.length > 0) throw badRequest('tables', `${unknown.join(', ')} is not a table of a field that feeds the metrics`);
  return requested ? ids.filter((id) => requested.includes(id)) : ids;
}

/** A custom table of a release as its metadata recorded it (the field may have changed or gone since). */
export function recordedCustomDefinition(metadata: Record<string, unknown> | null | undefined, id: string): { title: string; unit: 'survivors'; custom?: MetricCustomTable } {
  const recorded = ((metadata?.tables as { id: string; title: string; custom?: MetricCustomTable }[] | undefined) ?? []).find((t) => t.id === id);
  return { title: recorded?.title ?? id, unit: 'survivors', ...(recorded?.custom ? { custom: recorded.custom } : {}) };
}
