import type { ImportDateFormat, ImportMapping, ImportRunResponse, ImportTarget } from '@lantern/contracts';
import { suggestField } from './suggest';

/** The mapping as the admin edits it: every column of the sheet, '' for a column skipped. */
export interface Draft {
  columns: Record<string, ImportTarget | ''>;
  values: ImportMapping['values'];
  dateFormat: ImportDateFormat;
  defaultCaseworkerId: string;
}

export function draftOf(run: ImportRunResponse): Draft {
  const mapping = run.mapping;
  return {
    columns: Object.fromEntries(run.header.map((h) => [h, mapping ? (mapping.columns[h] ?? '') : suggestField(h, run.header)])),
    values: mapping?.values ?? {},
    dateFormat: mapping?.dateFormat ?? 'YYYY-MM-DD',
    defaultCaseworkerId: mapping?.defaultCaseworkerId ?? '',
  };
}

export function mappingOf(draft: Draft): ImportMapping {
  return {
    columns: Object.fromEntries(Object.entries(draft.columns).filter(([, field]) => field !== '')) as Record<string, ImportTarget>,
    values: draft.values,
    dateFormat: draft.dateFormat,
    defaultCaseworkerId: draft.defaultCaseworkerId || null,
  };
}
