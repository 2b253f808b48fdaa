import ChecklistIcon from '@mui/icons-material/Checklist';
import type { TaskResponse } from '@lantern/contracts';
import { Alert, Box, Card, CardContent, Checkbox, Chip, List, ListItem, Skeleton, Stack, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { formatDate } from '../common/labels';
import { useTaskToggle } from '../common/use-task-toggle';
import { toApiError } from '../providers/http';

function PartnerTask({ task }: { task: TaskResponse }) {
  const { done, busy, toggle } = useTaskToggle(task);
  const translate = useTranslate();
  return (
    <ListItem disableGutters dense sx={{ alignItems: 'flex-start' }}>
      <Checkbox edge="start" size="small" checked={done} disabled={busy} onChange={toggle} slotProps={{ input: { 'aria-label': task.description } }} sx={{ mt: -0.5 }} />
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="body2" sx={{ textDecoration: done ? 'line-through' : undefined, overflowWrap: 'anywhere' }}>
          {task.description}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          {task.dueDate && (
            <Typography variant="caption" color={task.overdue ? 'error.main' : 'text.secondary'}>
              {translate('lantern.plan.due', { date: formatDate(task.dueDate) })}
            </Typography>
          )}
          {task.overdue && <Chip size="small" color="error" label={translate('lantern.plan.overdue')} />}
        </Stack>
      </Box>
    </ListItem>
  );
}

/**
 * Partner staff: the tasks a service plan gives their organization through its referrals, and
 * nothing else of the plan (the API returns only these).
 */
export function PartnerTasks() {
  const { data: tasks = [], isPending, error } = useGetList<TaskResponse>('tasks', {
    sort: { field: 'dueDate', order: 'ASC' },
    pagination: { page: 1, perPage: 50 },
  });
  const open = tasks.filter((task) => !task.doneAt).length;
  const translate = useTranslate();
  return (
    <Card component="section" aria-label={translate('lantern.partnerTasks.title')} sx={{ mb: 2 }}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', color: 'primary.main', mb: 1 }}>
          <ChecklistIcon />
          <Typography variant="h6" component="h2" color="text.primary">
            {translate('lantern.partnerTasks.title')}
          </Typography>
          {!isPending && <Chip size="small" label={translate('lantern.caseload.open', { count: open })} />}
        </Stack>
        {error ? (
          <Alert severity="error">{toApiError(error).message}</Alert>
        ) : isPending ? (
          <Skeleton variant="rounded" height={64} />
        ) : tasks.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('lantern.partnerTasks.empty')}
          </Typography>
        ) : (
          <List dense aria-label={translate('lantern.partnerTasks.label')} sx={{ py: 0 }}>
            {tasks.map((task) => (
              <PartnerTask key={`${task.id}-${task.version}`} task={task} />
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}
