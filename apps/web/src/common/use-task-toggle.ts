import type { TaskResponse } from '@lantern/contracts';
import { useState } from 'react';
import { useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { LanternDataProvider } from '../providers/data-provider';
import { toApiError } from '../providers/http';

/** Ticks a task done or not done; `done` shows the tick at once, while the API records it. */
export function useTaskToggle(task: TaskResponse): { done: boolean; busy: boolean; toggle: () => void } {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  // The list remounts each task on its next version, which drops this optimistic tick.
  const [ticked, setTicked] = useState<boolean | null>(null);
  const done = ticked ?? Boolean(task.doneAt);

  const save = async (): Promise<void> => {
    setBusy(true);
    setTicked(!done);
    try {
      await dataProvider.updateTask(task.id, { version: task.version, done: !done });
      refresh();
    } catch (caught) {
      setTicked(null);
      notify(toApiError(caught).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return { done, busy, toggle: () => void save() };
}
