import AddIcon from '@mui/icons-material/Add';
import { CreateButton } from 'react-admin';

/** "New intake": a survivor record, a case and the intake, in that order. Shown only to those who open cases. */
export function NewIntakeButton({ variant }: { variant?: 'text' | 'contained' | 'outlined' }) {
  return <CreateButton resource="cases" label="lantern.cases.newIntake" icon={<AddIcon />} variant={variant} />;
}
