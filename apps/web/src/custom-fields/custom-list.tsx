import type { CustomFieldLabel, CustomValue, ReadableCustomFieldResponse } from '@lantern/contracts';
import type { ReactElement } from 'react';
import { DataTable, DateInput, NumberInput, SelectArrayInput, SelectInput, useNotify, useRecordContext, type TranslateFunction } from 'react-admin';
import { ApiError } from '../providers/http';
import { customSource } from './custom-list-filter';
import { CustomValueText } from './custom-value-text';

/**
 * Custom fields as a list's optional columns and filters (issue 18; docs/custom-fields.md, "In lists"),
 * for any list whose API takes `custom.<key>` filters and carries `custom` on its rows. The fields are
 * those `useReadableFields` gives: only what the reader's role may read, `filterable` and `sortable`
 * exactly as the API decides them.
 */

type Field = ReadableCustomFieldResponse;
type Text = (label: CustomFieldLabel) => string;

/** Every custom column starts hidden: the person turns on those she needs with the column chooser. */
export const customHiddenColumns = (fields: readonly Field[]): string[] => fields.map((f) => customSource(f.key));

/** A row's value of the field, as the record's "More details" shows it. */
export function CustomCell({ field }: { field: Field; label?: string }) {
  const record = useRecordContext<{ custom?: Record<string, CustomValue> }>();
  return <CustomValueText field={field} value={record?.custom?.[field.key]} empty="—" />;
}

/** A column per field, hidden until chosen; a number or date column sorts (the API's own rule). */
export function customListColumns(fields: readonly Field[], text: Text): ReactElement[] {
  return fields.map((field) => (
    <DataTable.Col key={field.key} source={customSource(field.key)} label={text(field.label)} disableSort={!field.sortable}>
      <CustomCell field={field} />
    </DataTable.Col>
  ));
}

const choicesOf = (field: Field, text: Text, translate: TranslateFunction) =>
  field.options.map((o) => ({ id: o.id, name: o.retired ? translate('lantern.customList.retiredOption', { option: text(o.label) }) : text(o.label) }));

/**
 * The filters of the filterable fields, by type: a choice (any of its options, retired ones marked, as
 * records keep them), several choices (the value holds each), yes or no, and a number's or a date's
 * range as two bounds (`_gte`, `_lte`, inclusive).
 */
export function customListFilters(fields: readonly Field[], text: Text, translate: TranslateFunction): ReactElement[] {
  return fields
    .filter((field) => field.filterable)
    .flatMap((field) => {
      const source = customSource(field.key);
      const label = text(field.label);
      const bound = (which: 'gte' | 'lte') => ({
        source: `${source}_${which}`,
        label: translate(which === 'gte' ? 'lantern.customList.from' : 'lantern.customList.to', { field: label }),
      });
      switch (field.type) {
        case 'singleChoice':
          return [<SelectInput key={source} source={source} label={label} choices={choicesOf(field, text, translate)} translateChoice={false} />];
        case 'multipleChoice':
          return [<SelectArrayInput key={source} source={source} label={label} choices={choicesOf(field, text, translate)} translateChoice={false} sx={{ minWidth: 200 }} />];
        case 'yesNo':
          return [
            <SelectInput
              key={source}
              source={source}
              label={label}
              choices={[
                { id: 'true', name: translate('lantern.customValues.yes') },
                { id: 'false', name: translate('lantern.customValues.no') },
              ]}
              translateChoice={false}
              format={(value: unknown) => (typeof value === 'boolean' ? String(value) : '')}
              parse={(value: unknown) => (value === 'true' ? true : value === 'false' ? false : undefined)}
            />,
          ];
        case 'number':
          return [<NumberInput key={`${source}_gte`} {...bound('gte')} />, <NumberInput key={`${source}_lte`} {...bound('lte')} />];
        case 'date':
          return [<DateInput key={`${source}_gte`} {...bound('gte')} />, <DateInput key={`${source}_lte`} {...bound('lte')} />];
        default:
          return [];
      }
    });
}

/**
 * The list's answer to a failed read: a custom filter or sort the API refuses (a field retired or no
 * longer readable since the page was loaded) is told by the field's label, anything else by the API's
 * sentence.
 */
export function useCustomListError(fields: readonly Field[], text: Text): (error: unknown) => void {
  const notify = useNotify();
  return (error) => {
    const named = error instanceof ApiError ? Object.keys(error.body.fieldErrors ?? {}).find((name) => name.startsWith('filter.custom.') || name === 'sort') : undefined;
    if (named === 'sort') {
      notify('lantern.customList.sortRefused', { type: 'error' });
      return;
    }
    if (named) {
      const key = named.replace(/^filter\.custom\./, '').replace(/(_gte|_lte)?(\[\d+\])?$/, '');
      const field = fields.find((f) => f.key === key);
      notify('lantern.customList.refused', { type: 'error', messageArgs: { field: field ? text(field.label) : key } });
      return;
    }
    notify(error instanceof Error && error.message ? error.message : 'ra.notification.http_error', { type: 'error' });
  };
}
