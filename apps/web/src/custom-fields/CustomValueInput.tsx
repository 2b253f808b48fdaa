import type { CustomValue, CustomValueField } from '@lantern/contracts';
import { Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, MenuItem, TextField } from '@mui/material';
import { useId } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import { useCan } from '../common/use-can';
import { useSession } from '../providers/session';
import { useLabelText } from './custom-value-text';

interface InputProps {
  field: CustomValueField;
  value: CustomValue | undefined;
  /** The value as saved: a retired option it holds stays on offer. */
  saved: CustomValue | undefined;
  onChange: (value: CustomValue) => void;
  error?: string;
  /** A line saying when the field is required ("Required to submit"), under it unless an error shows. */
  requiredHint?: string;
}

/** Staff who may be named: the directory when the role may read it, else herself (and who is named now). */
function PersonInput({ value, onChange, error, label }: InputProps & { label: string }) {
  const can = useCan();
  const me = useSession()?.me.user;
  const directory = can('read', 'User', { id: '' }, 'displayName');
  const { data = [] } = useGetList<{ id: string; displayName: string; active?: boolean }>(
    'users',
    { pagination: { page: 1, perPage: 200 }, sort: { field: 'displayName', order: 'ASC' }, filter: { active: true } },
    { enabled: directory },
  );
  const people = new Map(data.map((user) => [user.id, user.displayName]));
  if (me) people.set(me.id, me.displayName);
  if (typeof value === 'string' && !people.has(value)) people.set(value, '…');
  return (
    <TextField select label={label} value={value ?? ''} onChange={(event) => onChange(event.target.value || null)} fullWidth error={Boolean(error)} helperText={error}>
      <MenuItem value="">—</MenuItem>
      {[...people].map(([id, name]) => (
        <MenuItem key={id} value={id}>
          {name}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The input of one custom value, by its type; the API checks it again and names what it refuses. */
export function CustomValueInput(props: InputProps) {
  const { field, value, saved, onChange, error, requiredHint } = props;
  const translate = useTranslate();
  const text = useLabelText();
  const groupId = useId();
  const label = text(field.label);
  const ownHelp = field.help ? text(field.help) : undefined;
  const help = error ?? (requiredHint && ownHelp ? `${requiredHint}. ${ownHelp}` : (requiredHint ?? ownHelp));
  const offered = field.options.filter(
    (option) => !option.retired || option.id === saved || (Array.isArray(saved) && saved.includes(option.id)),
  );
  switch (field.type) {
    case 'person':
      return <PersonInput {...props} label={label} />;
    case 'multipleChoice': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <FormControl component="fieldset" error={Boolean(error)}>
          <FormLabel component="legend" id={groupId}>
            {label}
          </FormLabel>
          <FormGroup aria-labelledby={groupId}>
            {offered.map((option) => (
              <FormControlLabel
                key={option.id}
                label={text(option.label)}
                control={
                  <Checkbox
                    size="small"
                    checked={chosen.includes(option.id)}
                    onChange={(event) => onChange(event.target.checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id))}
                  />
                }
              />
            ))}
          </FormGroup>
          {help && <FormHelperText>{help}</FormHelperText>}
        </FormControl>
      );
    }
    case 'singleChoice':
    case 'yesNo': {
      const choices =
        field.type === 'yesNo'
          ? [
              { id: 'true', name: translate('lantern.customValues.yes') },
              { id: 'false', name: translate('lantern.customValues.no') },
            ]
          : offered.map((option) => ({ id: option.id, name: text(option.label) }));
      const current = value === null || value === undefined ? '' : String(value);
      const pick = (picked: string): CustomValue => (picked === '' ? null : field.type === 'yesNo' ? picked === 'true' : picked);
      return (
        <TextField select label={label} value={current} onChange={(event) => onChange(pick(event.target.value))} fullWidth error={Boolean(error)} helperText={help}>
          <MenuItem value="">—</MenuItem>
          {choices.map((choice) => (
            <MenuItem key={choice.id} value={choice.id}>
              {choice.name}
            </MenuItem>
          ))}
        </TextField>
      );
    }
    default: {
      const number = field.type === 'number';
      return (
        <TextField
          label={label}
          type={number ? 'number' : field.type === 'date' ? 'date' : 'text'}
          multiline={field.type === 'longText'}
          minRows={field.type === 'longText' ? 3 : undefined}
          value={value ?? ''}
          onChange={(event) => {
            const raw = event.target.value;
            onChange(raw === '' ? null : number ? Number(raw) : raw);
          }}
          fullWidth
          error={Boolean(error)}
          helperText={help}
          slotProps={{
            inputLabel: field.type === 'date' ? { shrink: true } : undefined,
            htmlInput: { maxLength: field.type === 'shortText' ? 200 : field.type === 'longText' ? 10_000 : undefined, min: field.min ?? undefined, max: field.max ?? undefined },
          }}
        />
      );
    }
  }
}
