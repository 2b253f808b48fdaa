import { SaveButton, Toolbar } from 'react-admin';

/** Save only: Lantern has no delete for these records (retention is a process, not a button). */
export function FormToolbar() {
  return (
    <Toolbar>
      <SaveButton />
    </Toolbar>
  );
}
