import { REPORT_CUSTOM_MAX, REPORT_CUSTOM_TYPES, REPORT_LABELS, type CustomFieldEntity, type CustomFieldResponse, type ReportCustomFieldResponse, type ReportRowResponse, type ReportTableResponse } from '@lantern/contracts';
import type { EntityManager } from 'typeorm';
import { badRequest } from '../../kernel/http/domain-error.js';
import { bound, SERVED_CASES } from './report-queries.js';
import type { ReportPeriod } from './report-period.js';

/**
 * The funder reports' custom section (issue 18; docs/reports.md, "The custom section"): the person
 * running the trafficking-grant report chooses fields of the organization's forms (`?custom=case.industry,
 * intake.hasId`), and each becomes a table of counts over the clients served, read from each person's
 * latest case of the period (and that case's intake). Aggregates only: a choice or yes/no is counted per
 * answer, a number summed and averaged; a text, date, person or PII field is refused, never shown.
 */

/**
 * The kinds of record whose fields the section counts, with the column that holds their values in
 * `latest` below (`c` the case, `i` its intake). The survivor's fields join with `survivor: 's.custom'`
 * (and `s` joined) once her record stores custom values.
 */
export const REPORT_CUSTOM_SOURCES: Partial<Record<CustomFieldEntity, string>> = { case: 'c.custom', intake: 'i.custom' };
export const REPORT_CUSTOM_ENTITIES = Object.keys(REPORT_CUSTOM_SOURCES) as CustomFieldEntity[];

const label = (key: string): string => REPORT_LABELS[key] ?? key;
const typed = (type: string): type is ReportCustomFieldResponse['type'] => (REPORT_CUSTOM_TYPES as readonly string[]).includes(type);

/** The fields the section may count, as `GET /reports/custom-fields` lists them (retired ones too: their values stay). */
export function reportableFields(definitions: CustomFieldResponse[]): ReportCustomFieldResponse[] {
  return definitions
    .filter((f) => !f.pii && typed(f.type) && REPORT_CUSTOM_ENTITIES.includes(f.entity))
    .map((f) => ({ id: `${f.entity}.${f.key}`, entity: f.entity, key: f.key, type: f.type as ReportCustomFieldResponse['type'], label: { ...f.label } as Record<string, string>, retired: f.retiredAt !== null }));
}

/** `?custom=`: the fields chosen, each `<entity>.<key>` of a field the section may count; 400 naming `custom` otherwise. */
export function chosenFields(raw: unknown, definitions: CustomFieldResponse[]): CustomFieldResponse[] {
  if (raw === undefined || raw === '') return [];
  if (typeof raw !== 'string') throw badRequest('custom', 'must be a comma-separated list of <form>.<key>');
  const ids = raw.split(',').map((id) => id.trim());
  if (ids.length > REPORT_CUSTOM_MAX) throw badRequest('custom', `may name at most ${REPORT_CUSTOM_MAX} fields`);
  if (new Set(ids).size !== ids.length) throw badRequest('custom', 'names a field twice');
  return ids.map((id) => {
    const field = definitions.find((f) => `${f.entity}.${f.key}` === id);
    if (!field || !REPORT_CUSTOM_ENTITIES.includes(field.entity)) throw badRequest('custom', `${id.slice(0, 80)} is not a case or intake field of your organization`);
    if (field.pii) throw badRequest('custom', `${id} is a PII or narrative field: its values are never counted in a report`);
    if (!typed(field.type)) throw badRequest('custom', `${id} is a text, date or person field: only choices, yes/no and numbers are counted`);
    return field;
  });
}

/** One table of the section: the clients served by their answer, from their latest case of the period. */
export async function customTable(manager: EntityManager, organizationId: string, period: ReportPeriod, field: CustomFieldResponse): Promise<ReportTableResponse> {
  const source = REPORT_CUSTOM_SOURCES[field.entity]!;
  const [text, values] = bound(
    `WITH ${SERVED_CASES},
      latest AS (
        SELECT DISTINCT ON (sc.survivor_id) sc.survivor_id, (${source} -> CAST({field} AS text)) AS v
        FROM served_cases sc JOIN survivor_case c ON c.id = sc.id LEFT JOIN intake i ON i.case_id = c.id
        ORDER BY sc.survivor_id, sc.opened_at DESC, sc.id, i.created_at DESC
      )
     ${SELECTS[field.type]!}`,
    organizationId,
    period,
  );
  const rows = (await manager.query(text.replaceAll('{field}', `$${values.length + 1}`), [...values, field.id])) as { value: string; n: number; total: string | null }[];
  const count = (value: string) => rows.find((r) => r.value === value)?.n ?? 0;
  const people = rows.reduce((a, r) => a + (r.value === '__people' ? r.n : 0), 0);
  const id = `custom.${field.entity}.${field.key}` as const;
  const base = { id, title: field.label.en, unit: 'people' as const, customLabel: { ...field.label } as Record<string, string> };
  const row = (key: string, rowLabel: string, vals: (number | null)[]): ReportRowResponse => ({ key, label: rowLabel, values: vals });
  if (field.type === 'number') {
    const recorded = rows.find((r) => r.value === 'recorded');
    const n = recorded?.n ?? 0;
    const sum = recorded?.total === null || recorded?.total === undefined ? null : Number(recorded.total);
    const average = n > 0 && sum !== null ? Math.round((sum / n) * 10) / 10 : null;
    return {
      ...base,
      columns: ['people', 'sum', 'average'],
      columnLabels: ['people', 'sum', 'average'].map(label),
      rows: [row('recorded', label('recorded'), [n, sum, average]), row('not_recorded', label('not_recorded'), [count('not_recorded'), null, null])],
      total: row('total', label('total'), [n + count('not_recorded'), sum, average]),
    };
  }
  const keys = field.type === 'yesNo' ? ['yes', 'no'] : field.options.map((o) => o.id!);
  const labelOf = (key: string) => (field.type === 'yesNo' ? label(key) : (field.options.find((o) => o.id === key)?.label.en ?? key));
  const body = [...keys.map((key) => row(key, labelOf(key), [count(key)])), row('not_recorded', label('not_recorded'), [count('not_recorded')])];
  // A multiple choice: one person may have several answers, so the total counts each person once.
  const total = field.type === 'multipleChoice' ? people : body.reduce((a, r) => a + (r.values[0] as number), 0);
  return { ...base, columns: ['people'], columnLabels: [label('people')], rows: body, total: row('total', label('total'), [total]) };
}

/** Per type, the statement over `latest` (v: the stored value, as jsonb): `value`, `n` and, for numbers, `total`. */
const SELECTS: Record<string, string> = {
  yesNo: `SELECT CASE WHEN v = 'true'::jsonb THEN 'yes' WHEN v = 'false'::jsonb THEN 'no' ELSE 'not_recorded' END AS value, count(*)::int AS n, NULL AS total FROM latest GROUP BY 1`,
  singleChoice: `SELECT CASE WHEN jsonb_typeof(v) = 'string' THEN v #>> '{}' ELSE 'not_recorded' END AS value, count(*)::int AS n, NULL AS total FROM latest GROUP BY 1`,
  multipleChoice: `SELECT o.value, count(DISTINCT l.survivor_id)::int AS n, NULL AS total
       FROM latest l CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(l.v) = 'array' THEN l.v ELSE '[]'::jsonb END) o(value) GROUP BY 1
     UNION ALL SELECT 'not_recorded', count(*)::int, NULL FROM latest WHERE CASE WHEN jsonb_typeof(v) = 'array' THEN jsonb_array_length(v) = 0 ELSE true END
     UNION ALL SELECT '__people', count(*)::int, NULL FROM latest`,
  number: `SELECT CASE WHEN jsonb_typeof(v) = 'number' THEN 'recorded' ELSE 'not_recorded' END AS value, count(*)::int AS n,
       sum(CASE WHEN jsonb_typeof(v) = 'number' THEN (v #>> '{}')::numeric END)::text AS total FROM latest GROUP BY 1`,
};
