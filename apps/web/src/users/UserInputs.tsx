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
  useTranslate,
} from 'react-admin';
import { ROLE_CHOICES } from '../common/choices';

/** Partner staff belong to exactly one partner organization; every other role to none. */
export function normalizePartnerLink<T extends { role?: unknown; partnerOrgId?: unknown }>(data: T): T {
  return data.role === 'partner' ? data : { ...data, partnerOrgId: null };
}

/** The inputs of a user, shared by Create (with an initial password) and Edit. */
export function UserInputs({ mode }: { mode: 'create' | 'edit' }) {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%', maxWidth: 720 }}>
      <TextInput source="displayName" validate={[required(), maxLength(120)]} />
      <TextInput source="email" type="email" validate={[required(), email(), maxLength(254)]} autoComplete="off" />
      <SelectInput
        source="role"
        choices={ROLE_CHOICES}
        validate={required()}
        helperText={mode === 'edit' ? 'lantern.users.roleHelp' : undefined}
      />
      <FormDataConsumer<{ role?: string }>>
        {({ formData }) =>
          formData.role === 'partner' ? (
            <ReferenceInput source="partnerOrgId" reference="partner-orgs" sort={{ field: 'name', order: 'ASC' }} filter={{ active: true }}>
              <AutocompleteInput optionText="name" validate={required('lantern.users.partnerRequired')} filterToQuery={(q: string) => ({ q })} />
            </ReferenceInput>
          ) : null
        }
      </FormDataConsumer>
      {mode === 'create' && (
        <PasswordInput
          source="password"
          autoComplete="new-password"
          validate={[required(), minLength(PASSWORD_MIN_LENGTH), maxLength(PASSWORD_MAX_LENGTH)]}
          helperText={translate('lantern.users.passwordHelp', { min: PASSWORD_MIN_LENGTH })}
        />
      )}
    </Box>
  );
}
