import ExitToAppIcon from '@mui/icons-material/ExitToApp';
import { Button, Tooltip, type SxProps, type Theme } from '@mui/material';
import { quickExit } from './quick-exit';

/** Always on screen: one click (or Shift three times) and Lantern is gone. */
export function QuickExitButton({ sx }: { sx?: SxProps<Theme> }) {
  return (
    <Tooltip describeChild title="Leave Lantern at once and open a weather page. Shortcut: press Shift three times.">
      <Button
        variant="contained"
        color="error"
        size="small"
        startIcon={<ExitToAppIcon />}
        onClick={() => quickExit()}
        aria-keyshortcuts="Shift"
        data-testid="quick-exit"
        sx={{ whiteSpace: 'nowrap', boxShadow: 'none', ...sx }}
      >
        Quick exit
      </Button>
    </Tooltip>
  );
}
