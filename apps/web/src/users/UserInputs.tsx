import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@lantern/contracts';
import { Box } from '@mui/material';
import {
  AutocompleteInput,
  email,
  FormDataConsumer,
  maxLength,
  minLength,
  PasswordInput,
  ReferenceInput,
  required,
  SelectInput,
  TextInput,
} from 'react-admin';
import { ROLE_CHOICES } from '../common/choices';

/** Partner staff belong to exactly one partner organization; every other role to none. */
export function normalizePartnerLink<T extends { role?: unknown; partnerOrgId?: unknown }>(data: T): T {
  return data.role === 'partner' ? data : { ...data, partnerOrgId: null };
}

/** The inputs of a user, shared by Create (with an initial password) and Edit. */
export function UserInputs({ mode }: { mode: 'create' | 'edit' }) {
  return (
    <Box sx={{ width: '100%', maxWidth: 720 }}>
      <TextInput source="displayName" validate={[required(), maxLength(120)]} />
      <TextInput source="email" type="email" validate={[required(), email(), maxLength(254)]} autoComplete="off" />
      <SelectInput
        source="role"
        choices={ROLE_CHOICES}
        validate={required()}
        helperText={mode === 'edit' ? 'Changing the role signs the person out and needs your password.' : undefined}
      />
      <FormDataConsumer<{ role?: string }>>
        {({ formData }) =>
          formData.role === 'partner' ? (
            <ReferenceInput source="partnerOrgId" reference="partner-orgs" sort={{ field: 'name', order: 'ASC' }} filter={{ active: true }}>
              <AutocompleteInput optionText="name" validate={required('Partner staff need their organization')} filterToQuery={(q: string) => ({ q })} />
            </ReferenceInput>
          ) : null
        }
      </FormDataConsumer>
      {mode === 'create' && (
        <PasswordInput
          source="password"
          autoComplete="new-password"
          validate={[required(), minLength(PASSWORD_MIN_LENGTH), maxLength(PASSWORD_MAX_LENGTH)]}
          helperText={`At least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words work well. Common passwords are refused. Give it to the person in private.`}
        />
      )}
    </Box>
  );
}
