import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import { Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';
import type { SurvivorResponse } from '@lantern/contracts';
import { Button, DataTable, List, SearchInput, TextField, TopToolbar, useTranslate } from 'react-admin';
import { NewIntakeButton } from '../cases/NewIntakeButton';
import { formatDate } from '../common/labels';
import { SurvivorSearch } from './SurvivorSearch';
import { PageHeading } from '../common/PageHeading';
import { CAPPED_COUNT } from '../providers/capped-list';

// The alias search is a list filter (an alias identifies no one); names are searched by POST only.
const filters = (placeholder: string) => [<SearchInput key="q" source="q" alwaysOn placeholder={placeholder} />];

function ListActions({ searching, onToggle }: { searching: boolean; onToggle: () => void }) {
  return (
    <TopToolbar>
      <Button label={searching ? 'lantern.survivors.hideNameSearch' : 'lantern.survivors.findByName'} onClick={onToggle}>
        <PersonSearchIcon />
      </Button>
      <NewIntakeButton />
    </TopToolbar>
  );
}

/** The page title, in the app bar and as the page's h1. */
const TITLE = 'lantern.survivors.title';

/** Survivors by alias only: no identifying detail ever appears in a list. */
export function SurvivorList() {
  const [searching, setSearching] = useState(false);
  const translate = useTranslate();
  return (
    <>
      <PageHeading title={TITLE} />
      {searching && (
        <Card sx={{ mt: 2 }}>
          <CardContent>
            <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
              {translate('lantern.survivors.findByName')}
            </Typography>
            <SurvivorSearch dense />
          </CardContent>
        </Card>
      )}
      <List
        disableSyncWithLocation
        sort={{ field: 'alias', order: 'ASC' }}
        queryOptions={{ meta: CAPPED_COUNT }}
        filters={filters(translate('resources.survivors.fields.q'))}
        actions={<ListActions searching={searching} onToggle={() => setSearching((open) => !open)} />}
        exporter={false}
        perPage={25}
        title={TITLE}
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="alias">
            <TextField source="alias" sx={{ fontWeight: 600 }} />
          </DataTable.Col>
          <DataTable.Col source="createdAt" render={(record: SurvivorResponse) => formatDate(record.createdAt)} />
          <DataTable.Col source="updatedAt" render={(record: SurvivorResponse) => formatDate(record.updatedAt)} />
        </DataTable>
      </List>
    </>
  );
}
