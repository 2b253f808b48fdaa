import { Box } from '@mui/material';
import { CheckboxGroupInput, SelectInput } from 'react-admin';
import { EXPLOITATION_CHOICES, REFERRAL_SOURCE_CHOICES, RISK_CHOICES } from '../common/labels';

const emptyToNull = (value: unknown): unknown => (value === '' ? null : value);

/** The editable details of a case (status and assignment change through their own actions). */
export function CaseInputs({ withRisk = true }: { withRisk?: boolean }) {
  return (
    <Box sx={{ width: '100%', maxWidth: 760 }}>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
        <SelectInput source="referralSource" choices={REFERRAL_SOURCE_CHOICES} emptyText="lantern.common.notRecorded" parse={emptyToNull} />
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
