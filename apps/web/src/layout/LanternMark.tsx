import { Box } from '@mui/material';

/** The small lantern mark beside the product name. */
export function LanternMark({ size = 28 }: { size?: number }) {
  return (
    <Box component="svg" viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" sx={{ flexShrink: 0 }}>
      <rect width="32" height="32" rx="7" fill="#f7c948" />
      <path d="M12 7h8M13 7v3h6V7M11 10h10l-1 14H12z" fill="none" stroke="#1f4e5f" strokeWidth="2" strokeLinejoin="round" />
      <circle cx="16" cy="17" r="3" fill="#1f4e5f" />
      <path d="M11 25h10" stroke="#1f4e5f" strokeWidth="2" strokeLinecap="round" />
    </Box>
  );
}
