import type { CustomFieldEntity } from '@lantern/contracts';
import { useMemo, type ReactElement, type ReactNode } from 'react';
import { ColumnsButton, useTranslate } from 'react-admin';
import { CustomCardValues, CustomColumnsMenu } from './CustomColumnsMenu';
import { customHiddenColumns, customListColumns, customListFilters, useCustomListError } from './custom-list';
import { useLabelText } from './custom-value-text';
import { useReadableFields } from './use-readable-fields';

/** What a list needs of its form's custom fields, from the builders of custom-list.tsx and CustomColumnsMenu. */
export interface CustomListParts {
  /** Her filters, after the list's own. */
  filters: ReactElement[];
  /** The table's columns, after its own; `hiddenColumns` for its DataTable. */
  columns: ReactElement[];
  hiddenColumns: string[];
  /** The column chooser for the toolbar (react-admin's on a table, a menu on cards); null without fields. */
  chooser: ReactNode;
  /** The values of the columns turned on, for a card. */
  cardValues: ReactNode;
  /** The list's `queryOptions.onError`: a refused custom filter told by its field's label. */
  onError: (error: unknown) => void;
}

/**
 * One list's custom columns and filters (docs/custom-fields.md, "In the web app"): the fields of `entity`
 * the reader may read (none asked when `enabled` is false), `storeKey` the list's DataTable store key
 * (`<resource>.datatable`), shared with its phone cards; `phone` when the list shows cards.
 */
export function useCustomList(entity: CustomFieldEntity, { storeKey, enabled, phone }: { storeKey: string; enabled: boolean; phone: boolean }): CustomListParts {
  const translate = useTranslate();
  const text = useLabelText();
  const { fields } = useReadableFields(entity, enabled);
  const hiddenColumns = useMemo(() => customHiddenColumns(fields), [fields]);
  const onError = useCustomListError(fields, text);
  return {
    filters: customListFilters(fields, text, translate),
    columns: customListColumns(fields, text),
    hiddenColumns,
    chooser: fields.length === 0 ? null : phone ? <CustomColumnsMenu storeKey={storeKey} fields={fields} /> : <ColumnsButton />,
    cardValues: <CustomCardValues storeKey={storeKey} fields={fields} />,
    onError,
  };
}
