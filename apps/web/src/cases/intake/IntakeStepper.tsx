import type { CustomValuesResponse, IntakeResponse } from '@lantern/contracts';
import { Skeleton } from '@mui/material';
import { useState } from 'react';
import { Form, FormDataConsumer, ResourceContextProvider, useGetOne } from 'react-admin';
import { IntakeFormViewContext, useFormView } from '../../forms/use-form-view';
import { valuesOf, type IntakeValues } from './intake-model';
import { IntakeStepperBody } from './IntakeStepperBody';
import type { IntakeMode } from './use-intake-save';
import { forgetStep } from './use-intake-steps';

/**
 * The intake as a step-by-step form: identification, exploitation, needs, risk screening, narrative,
 * review. A draft is saved as it is written (on each move and every 10 s, use-intake-save.ts) and is
 * picked up again where something is still missing; a submitted intake is changed only through an
 * amendment with a reason.
 */
export function IntakeStepper({
  caseId,
  intake,
  mode,
  onDone,
  onCancel,
  focusOnMount,
}: {
  caseId: string;
  intake: IntakeResponse | undefined;
  mode: IntakeMode;
  onDone: () => void;
  onCancel?: () => void;
  /** Set when the person has just asked for the stepper ("Start intake", "Amend"). */
  focusOnMount?: boolean;
}) {
  const [saved, setSaved] = useState<IntakeResponse | undefined>(intake);
  const [opened] = useState(intake);
  // The form starts from what was read, and only that: each save moves the form's baseline itself
  // (use-intake-save.ts), so a save never resets the form under the person typing, and leaving the tab
  // warns only about changes that are not saved yet. An intake that exists starts with its custom values
  // in the record (docs/custom-fields.md), read once before the form appears (the same read as
  // use-intake-custom.ts's, so an amendment opened from the intake's page asks for nothing): react-admin
  // resets its form to the record once mounted, and the reset then carries them.
  const read = useGetOne<CustomValuesResponse>('custom-values/intake', { id: opened?.id ?? '' }, { enabled: Boolean(opened) });
  const [record, setRecord] = useState<IntakeValues | undefined>(() => (opened ? undefined : valuesOf(undefined)));
  if (!record && (read.data || read.error)) setRecord({ ...valuesOf(opened), ...(read.data ? { custom: { ...read.data.values } } : {}) });
  // The organization's labels, help, order, hidden and required fields (docs/forms.md).
  const view = useFormView('intake');

  if (!record) return <Skeleton variant="rounded" height={240} />;
  return (
    <IntakeFormViewContext.Provider value={view}>
    <ResourceContextProvider value="intakes">
      <Form record={record} warnWhenUnsavedChanges onSubmit={() => undefined} noValidate>
        <FormDataConsumer>
          {({ formData }) => (
            <IntakeStepperBody
              values={{ ...valuesOf(undefined), ...(formData as Partial<IntakeValues>) } as IntakeValues}
              mode={mode}
              caseId={caseId}
              saved={saved}
              incoming={intake}
              onSaved={setSaved}
              onSubmitted={() => {
                forgetStep(caseId);
                onDone();
              }}
              onCancel={onCancel}
              focusOnMount={focusOnMount}
            />
          )}
        </FormDataConsumer>
      </Form>
    </ResourceContextProvider>
    </IntakeFormViewContext.Provider>
  );
}
