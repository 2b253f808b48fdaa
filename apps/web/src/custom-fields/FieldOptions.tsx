import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import { Box, Button, Chip, FormHelperText, IconButton, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { FieldError } from '../common/FormDialog';
import type { FieldDraftState } from './field-draft';

/**
 * The options of a choice field, in order: add, relabel, move up or down; a saved option is retired
 * (it stays on the records that hold it) and can be brought back, one not yet saved is removed.
 */
export function FieldOptions({ state, fieldError }: { state: FieldDraftState; fieldError: FieldError }) {
  const translate = useTranslate();
  const { options } = state.draft;
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mt: 2 }}>
      <Typography component="legend" variant="subtitle2" sx={{ mb: 1 }}>
        {translate('lantern.customFields.editor.options')}
      </Typography>
      {fieldError('options') && <FormHelperText error>{fieldError('options')}</FormHelperText>}
      <Stack spacing={1.5} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {options.map((option, index) => {
          const n = index + 1;
          return (
            <Box component="li" key={option.key} sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr auto' }, alignItems: 'start' }}>
              <TextField
                size="small"
                label={translate('lantern.customFields.editor.optionEn', { n })}
                value={option.en}
                onChange={(event) => state.relabelOption(option.key, 'en', event.target.value)}
                required
                disabled={option.retired}
                error={Boolean(fieldError(`options[${index}].label.en`) ?? fieldError(`options[${index}]`))}
                helperText={fieldError(`options[${index}].label.en`) ?? fieldError(`options[${index}]`)}
              />
              <TextField
                size="small"
                label={translate('lantern.customFields.editor.optionEs', { n })}
                value={option.es}
                onChange={(event) => state.relabelOption(option.key, 'es', event.target.value)}
                disabled={option.retired}
                error={Boolean(fieldError(`options[${index}].label.es`))}
                helperText={fieldError(`options[${index}].label.es`)}
              />
              <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                <IconButton size="small" aria-label={translate('lantern.customFields.editor.moveUp', { n })} disabled={index === 0} onClick={() => state.moveOption(option.key, -1)}>
                  <ArrowUpwardIcon fontSize="small" />
                </IconButton>
                <IconButton
                  size="small"
                  aria-label={translate('lantern.customFields.editor.moveDown', { n })}
                  disabled={index === options.length - 1}
                  onClick={() => state.moveOption(option.key, 1)}
                >
                  <ArrowDownwardIcon fontSize="small" />
                </IconButton>
                {option.retired && <Chip size="small" variant="outlined" label={translate('lantern.customFields.retired')} />}
                <Button size="small" color="inherit" onClick={() => state.removeOption(option.key)}>
                  {translate(!option.id ? 'lantern.customFields.editor.removeOption' : option.retired ? 'lantern.customFields.editor.restoreOption' : 'lantern.customFields.editor.retireOption', { n })}
                </Button>
              </Stack>
            </Box>
          );
        })}
      </Stack>
      <Button size="small" startIcon={<AddIcon />} onClick={state.addOption} sx={{ mt: 1 }}>
        {translate('lantern.customFields.editor.addOption')}
      </Button>
    </Box>
  );
}
