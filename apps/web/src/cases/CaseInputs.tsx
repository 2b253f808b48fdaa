import { Box } from '@mui/material';
import { CheckboxGroupInput, SelectInput } from 'react-admin';
import { EXPLOITATION_CHOICES, REFERRAL_SOURCE_CHOICES, RISK_CHOICES } from '../common/labels';
import { useFormView } from '../forms/use-form-view';

const emptyToNull = (value: unknown): unknown => (value === '' ? null : value);

/** The editable details of a case (status and assignment change through their own actions). */
export function CaseInputs({ withRisk = true }: { withRisk?: boolean }) {
  // The organization's form (docs/forms.md): the referral source can be hidden or relabelled.
  const view = useFormView('case');
  const source = view.field('referralSource');
  return (
    <Box sx={{ width: '100%', maxWidth: 760 }}>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
        {view.visible('referralSource') && (
          <SelectInput
            source="referralSource"
            choices={REFERRAL_SOURCE_CHOICES}
            emptyText="lantern.common.notRecorded"
            parse={emptyToNull}
            {...(source?.relabelled ? { label: source.label } : {})}
            {...(source?.help ? { helperText: source.help } : {})}
          />
        )}
        {withRisk && (
          <SelectInput
            source="riskLevel"
            choices={RISK_CHOICES}
            emptyText="lantern.risk.notAssessed"
            parse={emptyToNull}
            helperText="lantern.cases.riskHelper"
          />
        )}
      </Box>
      <CheckboxGroupInput
        source="exploitationTypes"
        choices={EXPLOITATION_CHOICES}
        sx={{ '& .MuiFormGroup-root': { display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } } }}
      />
    </Box>
  );
}
