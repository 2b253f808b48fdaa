import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import { Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';
import { Button, DataTable, DateField, List, SearchInput, TextField, TopToolbar } from 'react-admin';
import { NewIntakeButton } from '../cases/NewIntakeButton';
import { SurvivorSearch } from './SurvivorSearch';

// The alias search is a list filter (an alias identifies no one); names are searched by POST only.
const filters = [<SearchInput key="q" source="q" alwaysOn placeholder="Search alias" />];

function ListActions({ searching, onToggle }: { searching: boolean; onToggle: () => void }) {
  return (
    <TopToolbar>
      <Button label={searching ? 'Hide name search' : 'Find by name'} onClick={onToggle}>
        <PersonSearchIcon />
      </Button>
      <NewIntakeButton />
    </TopToolbar>
  );
}

/** Survivors by alias only: no identifying detail ever appears in a list. */
export function SurvivorList() {
  const [searching, setSearching] = useState(false);
  return (
    <>
      {searching && (
        <Card sx={{ mt: 2 }}>
          <CardContent>
            <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
              Find by name
            </Typography>
            <SurvivorSearch dense />
          </CardContent>
        </Card>
      )}
      <List
        disableSyncWithLocation
        sort={{ field: 'alias', order: 'ASC' }}
        filters={filters}
        actions={<ListActions searching={searching} onToggle={() => setSearching((open) => !open)} />}
        exporter={false}
        perPage={25}
        title="Survivors"
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="alias">
            <TextField source="alias" sx={{ fontWeight: 600 }} />
          </DataTable.Col>
          <DataTable.Col source="createdAt">
            <DateField source="createdAt" />
          </DataTable.Col>
          <DataTable.Col source="updatedAt">
            <DateField source="updatedAt" />
          </DataTable.Col>
        </DataTable>
      </List>
    </>
  );
}
