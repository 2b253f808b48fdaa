import type { CustomFieldResponse } from '@lantern/contracts';
import { Divider } from '@mui/material';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { FormDialog } from '../common/FormDialog';
import type { LanternDataProvider } from '../providers/data-provider';
import { FieldAccess } from './FieldAccess';
import { FieldBasics } from './FieldBasics';
import { FieldOptions } from './FieldOptions';
import { FieldVersions, RetireField } from './FieldVersions';
import { CHOICE_TYPES, changeOf, creationOf, draftReady, useFieldDraft } from './field-draft';

/**
 * Adds a custom field, or changes one (`field`): a new version of its definition. The API's refusals
 * (a key in use, two options alike, a type change once values exist...) show under the part they name.
 */
export function CustomFieldDialog({ field, onClose }: { field?: CustomFieldResponse; onClose: () => void }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const state = useFieldDraft(field);
  const { draft } = state;
  const retired = Boolean(field?.retiredAt);

  const submit = async (): Promise<void> => {
    if (field) await dataProvider.update('custom-fields', { id: field.id, data: changeOf(draft, field), previousData: field });
    else await dataProvider.create('custom-fields', { data: creationOf(draft) });
    notify(field ? 'lantern.customFields.editor.saved' : 'lantern.customFields.editor.added', { type: 'success' });
    refresh();
  };

  return (
    <FormDialog
      title={translate(field ? 'lantern.customFields.editor.editTitle' : 'lantern.customFields.editor.addTitle')}
      intro={retired ? translate('lantern.customFields.editor.retiredIntro') : undefined}
      submitLabel={translate(field ? 'ra.action.save' : 'lantern.customFields.editor.add')}
      ready={draftReady(draft) && !retired}
      onSubmit={submit}
      onClose={onClose}
      maxWidth="md"
    >
      {(fieldError) => (
        <>
          <FieldBasics state={state} fieldError={fieldError} editing={Boolean(field)} />
          {CHOICE_TYPES.includes(draft.type) && <FieldOptions state={state} fieldError={fieldError} />}
          <FieldAccess state={state} fieldError={fieldError} savedRequired={Boolean(field?.required)} />
          {field && (
            <>
              <Divider sx={{ my: 2 }} />
              {!retired && <RetireField field={field} onRetired={onClose} />}
              <FieldVersions fieldId={field.id} />
            </>
          )}
        </>
      )}
    </FormDialog>
  );
}
