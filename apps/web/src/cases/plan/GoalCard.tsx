import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import { GOAL_FINAL_STATUSES, type GoalStatus, type PlanGoal, type TaskResponse } from '@lantern/contracts';
import { Box, Button, Checkbox, Chip, type ChipProps, List, ListItem, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { GOAL_STATUS_CHOICES, GOAL_STATUS_LABELS, TASK_OWNER_LABELS } from '../../common/choices';
import { formatDate } from '../../common/labels';
import { serviceLabel } from '../../common/ReferralChips';
import { CustomValuesPanel } from '../../custom-fields/CustomValuesPanel';
import { useTaskToggle } from '../../common/use-task-toggle';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import { PartnerName } from '../../referrals/PartnerName';
import type { Referral } from '../../referrals/referral-types';

const STATUS_COLOURS: Record<GoalStatus, ChipProps['color']> = {
  not_started: 'default',
  in_progress: 'info',
  achieved: 'success',
  partially_achieved: 'primary',
  discontinued: 'default',
};

export function GoalStatusChip({ status }: { status: GoalStatus }) {
  return <Chip size="small" label={GOAL_STATUS_LABELS[status]} color={STATUS_COLOURS[status]} variant={status === 'discontinued' ? 'outlined' : 'filled'} data-testid="goal-status" />;
}

function TaskItem({ task, editable }: { task: TaskResponse; editable: boolean }) {
  const { done, busy, toggle } = useTaskToggle(task);
  const translate = useTranslate();

  return (
    <ListItem disableGutters dense sx={{ alignItems: 'flex-start' }} data-testid="task">
      <Checkbox
        edge="start"
        size="small"
        checked={done}
        disabled={!editable || busy}
        onChange={toggle}
        slotProps={{ input: { 'aria-label': task.description } }}
        sx={{ mt: -0.5 }}
      />
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="body2" sx={{ textDecoration: done ? 'line-through' : undefined, color: done ? 'text.secondary' : undefined, overflowWrap: 'anywhere' }}>
          {task.description}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mt: 0.25 }}>
          <Chip size="small" variant="outlined" label={TASK_OWNER_LABELS[task.owner]} />
          {task.owner === 'partner' && task.partnerOrgId && (
            <Typography variant="caption" color="text.secondary">
              <PartnerName partnerOrgId={task.partnerOrgId} />
            </Typography>
          )}
          {task.dueDate && (
            <Typography variant="caption" color={task.overdue ? 'error.main' : 'text.secondary'}>
              {translate('lantern.plan.due', { date: formatDate(task.dueDate) })}
            </Typography>
          )}
          {task.overdue && <Chip size="small" color="error" label={translate('lantern.plan.overdue')} data-testid="task-overdue" />}
          {task.doneAt && (
            <Typography variant="caption" color="text.secondary">
              {translate('lantern.plan.done', { date: formatDate(task.doneAt) })}
            </Typography>
          )}
        </Stack>
      </Box>
    </ListItem>
  );
}

/** One goal: its status (with the date reached), the referrals that serve it and its tasks as a checklist. */
export function GoalCard({
  goal,
  referrals,
  editable,
  onEdit,
  onAddTask,
}: {
  goal: PlanGoal;
  referrals: Referral[];
  editable: boolean;
  onEdit: (goal: PlanGoal) => void;
  onAddTask: (goal: PlanGoal) => void;
}) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const linked = referrals.filter((referral) => goal.referralIds.includes(referral.id));
  const doneTasks = goal.tasks.filter((task) => task.doneAt).length;

  const changeStatus = async (status: GoalStatus): Promise<void> => {
    setBusy(true);
    try {
      await dataProvider.updateGoal(goal.id, { version: goal.version, status });
      notify('lantern.plan.goalMarked', { type: 'success', messageArgs: { status: GOAL_STATUS_LABELS[status].toLowerCase() } });
      refresh();
    } catch (caught) {
      notify(toApiError(caught).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper variant="outlined" component="article" aria-label={translate('lantern.plan.goalLabel', { goal: goal.description })} sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'flex-start' } }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle2" component="h4" sx={{ overflowWrap: 'anywhere' }}>
            {goal.description}
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mt: 0.5 }}>
            <GoalStatusChip status={goal.status} />
            {goal.targetDate && (
              <Typography variant="caption" color="text.secondary">
                {translate('lantern.plan.target', { date: formatDate(goal.targetDate) })}
              </Typography>
            )}
            {goal.reachedOn && GOAL_FINAL_STATUSES.includes(goal.status) && (
              <Typography variant="caption" color="text.secondary" data-testid="goal-reached">
                {translate('lantern.plan.reachedOn', { status: GOAL_STATUS_LABELS[goal.status], date: formatDate(goal.reachedOn) })}
              </Typography>
            )}
            {goal.tasks.length > 0 && (
              <Typography variant="caption" color="text.secondary">
                {translate('lantern.plan.tasksDone', { done: doneTasks, total: goal.tasks.length })}
              </Typography>
            )}
          </Stack>
          {linked.length > 0 && (
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 1 }} role="group" aria-label={translate('resources.goals.fields.referralIds')}>
              {linked.map((referral) => (
                <Chip
                  key={referral.id}
                  size="small"
                  color="secondary"
                  variant="outlined"
                  label={
                    <>
                      {serviceLabel(referral.serviceType)} · <PartnerName partnerOrgId={referral.partnerOrgId} />
                    </>
                  }
                />
              ))}
            </Stack>
          )}
        </Box>
        {editable && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TextField
              select
              size="small"
              label={translate('lantern.plan.goalStatus')}
              value={goal.status}
              disabled={busy}
              onChange={(event) => void changeStatus(event.target.value as GoalStatus)}
              sx={{ minWidth: 180 }}
            >
              {GOAL_STATUS_CHOICES.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.name}
                </MenuItem>
              ))}
            </TextField>
            <Button size="small" startIcon={<EditIcon />} onClick={() => onEdit(goal)}>
              {translate('ra.action.edit')}
            </Button>
          </Stack>
        )}
      </Stack>
      {goal.tasks.length > 0 && (
        <List dense aria-label={translate('resources.tasks.name', { smart_count: 2 })} sx={{ mt: 1, py: 0 }}>
          {goal.tasks.map((task) => (
            <TaskItem key={`${task.id}-${task.version}`} task={task} editable={editable} />
          ))}
        </List>
      )}
      {editable && (
        <Button size="small" startIcon={<AddIcon />} onClick={() => onAddTask(goal)} sx={{ mt: 0.5 }}>
          {translate('lantern.plan.addTask')}
        </Button>
      )}
      {/* The organization's own questions about the goal (issue 18), where it has some she may read. */}
      <CustomValuesPanel resource="custom-values/goal" recordId={goal.id} editable={editable} variant="section" subject={goal.description} hideWhenEmpty />
    </Paper>
  );
}

/** A goal as it was agreed (read-only: an agreed revision, or an earlier plan). */
export function AgreedGoal({ goal }: { goal: PlanGoal }) {
  const translate = useTranslate();
  return (
    <Box component="li" sx={{ mb: 1 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {goal.description}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {GOAL_STATUS_LABELS[goal.status]}
        {goal.targetDate ? ` · ${translate('lantern.plan.targetLower', { date: formatDate(goal.targetDate) })}` : ''}
      </Typography>
      {goal.tasks.length > 0 && (
        <Box component="ul" sx={{ my: 0.5, pl: 2.5 }}>
          {goal.tasks.map((task) => (
            <Typography component="li" variant="body2" key={task.id}>
              {task.description} ({TASK_OWNER_LABELS[task.owner].toLowerCase()}
              {task.dueDate ? `, ${translate('lantern.plan.dueLower', { date: formatDate(task.dueDate) })}` : ''})
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
