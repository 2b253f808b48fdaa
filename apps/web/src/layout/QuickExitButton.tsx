import ExitToAppIcon from '@mui/icons-material/ExitToApp';
import { Box, Button, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { quickExit } from './quick-exit';

/** The height of react-admin's app bar at every width: the pinned button is centred in it. */
export const QUICK_EXIT_BAND = 48;

function ExitButton({ placeholder = false }: { placeholder?: boolean }) {
  const translate = useTranslate();
  const button = (
    <Button
      variant="contained"
      color="error"
      size="small"
      startIcon={<ExitToAppIcon />}
      onClick={placeholder ? undefined : () => quickExit()}
      aria-keyshortcuts={placeholder ? undefined : 'Shift'}
      tabIndex={placeholder ? -1 : undefined}
      data-testid={placeholder ? undefined : 'quick-exit'}
      sx={{ whiteSpace: 'nowrap', boxShadow: 'none' }}
    >
      {translate('lantern.quickExit.label')}
    </Button>
  );
  if (placeholder) return button;
  return (
    <Tooltip describeChild title={translate('lantern.quickExit.hint')}>
      {button}
    </Tooltip>
  );
}

/**
 * Always on screen: one click (or Shift three times) and Lantern is gone. The button is pinned to the
 * top right corner of the window, above the app bar, drawers, menus and dialogs (its z-index is over
 * MUI's tooltips), so no scroll, narrow screen or dialog can hide it. A bar it is drawn over keeps room
 * for it with `QuickExitSpace`.
 */
export function QuickExitButton({ band = QUICK_EXIT_BAND, inset = 8 }: { band?: number; inset?: number }) {
  return (
    <Box
      sx={(theme) => ({
        position: 'fixed',
        top: 0,
        right: inset,
        height: band,
        display: 'flex',
        alignItems: 'center',
        zIndex: theme.zIndex.tooltip + 1,
      })}
    >
      <ExitButton />
    </Box>
  );
}

/** An invisible copy of the button that keeps its place in a bar, for the pinned button to sit on. */
export function QuickExitSpace() {
  return (
    <Box aria-hidden sx={{ visibility: 'hidden', display: 'flex', flexShrink: 0 }}>
      <ExitButton placeholder />
    </Box>
  );
}
