import { useEffect, useRef, useSyncExternalStore } from 'react';
import { onQuickExit } from './quick-exit';

/**
 * Work on screen that the server does not have yet (issue 13, "never lose work"). A form with unsaved
 * changes registers how to save them; the idle warning (layout/IdleWarning.tsx) names them, offers
 * "Save and stay signed in", and saves the drafts among them before the session ends.
 * Only functions live here, in memory: never the values themselves, never in browser storage.
 */
export interface UnsavedWork {
  /** What it is, as a translation key ("An intake draft"). */
  label: string;
  /** Sends it to the server; rejects when it could not. */
  save: () => Promise<void>;
  /**
   * Saved without asking when the session ends: true for a draft the person can change again, false for
   * a record that is final once saved (a correction of a case note), which is saved only when asked.
   */
  saveAtEnd: boolean;
}

const entries = new Map<symbol, UnsavedWork>();
const listeners = new Set<() => void>();
let snapshot: readonly UnsavedWork[] = [];

function emit(): void {
  snapshot = [...entries.values()];
  for (const listener of listeners) listener();
}

/** Adds work to the list; the function returned removes it. */
export function registerUnsavedWork(work: UnsavedWork): () => void {
  const key = Symbol('unsaved-work');
  entries.set(key, work);
  emit();
  return () => {
    if (entries.delete(key)) emit();
  };
}

export function unsavedWork(): readonly UnsavedWork[] {
  return snapshot;
}

export function subscribeUnsavedWork(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Saves the registered work, all at once (each form serializes its own saves); `atEnd` saves only the
 * drafts (`saveAtEnd`). Resolves with what could not be saved; never rejects.
 */
export async function saveUnsavedWork({ atEnd = false }: { atEnd?: boolean } = {}): Promise<UnsavedWork[]> {
  const chosen = snapshot.filter((work) => !atEnd || work.saveAtEnd);
  const results = await Promise.allSettled(chosen.map((work) => work.save()));
  return chosen.filter((_, index) => results[index].status === 'rejected');
}

// Quick Exit leaves at once: nothing is saved, and the list is dropped with the page's other state.
onQuickExit(() => {
  entries.clear();
  emit();
});

/**
 * Keeps a form's work on the list while `work` is given (the form has unsaved changes) and off it
 * otherwise. The latest `save` is always the one called, so the form need not memoize it.
 */
export function useUnsavedWork(work: UnsavedWork | null): void {
  const latest = useRef(work);
  useEffect(() => {
    latest.current = work;
  });
  const present = work !== null;
  const label = work?.label;
  const saveAtEnd = work?.saveAtEnd ?? false;
  useEffect(() => {
    if (!present || !label) return undefined;
    return registerUnsavedWork({
      label,
      saveAtEnd,
      save: () => (latest.current ? latest.current.save() : Promise.resolve()),
    });
  }, [present, label, saveAtEnd]);
}

/** The list, for the idle warning. */
export function useUnsavedWorkList(): readonly UnsavedWork[] {
  return useSyncExternalStore(subscribeUnsavedWork, unsavedWork);
}
