import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../../providers/http';

/** Unsaved changes go to the server this often (issue 13: "autosave on Next and every 10 s"). */
export const AUTOSAVE_MS = 10_000;

/**
 * idle: nothing saved automatically yet; saving: a save is on its way; saved: the last one arrived;
 * retrying: it failed on the way (network, server busy) and is tried again at the next tick;
 * rejected: the server refused these values, tried again once they change; conflict: someone else
 * saved first (409): never retried, the person decides.
 */
export type AutosaveStatus = 'idle' | 'saving' | 'saved' | 'retrying' | 'rejected' | 'conflict';

export interface AutosaveOptions {
  /** The form holds changes the server does not have. */
  dirty: boolean;
  /** Off while the values cannot be saved as they are (too long, an amendment that needs a reason). */
  enabled?: boolean;
  /** Anything that changes with the values (a fingerprint): after a refusal, saving waits for a new one. */
  revision?: unknown;
  /** Sends the current values; rejects with the API's error. */
  save: () => Promise<void>;
  /** Told of each failure, after the status has changed. */
  onError?: (error: ApiError, status: 'retrying' | 'rejected' | 'conflict') => void;
  intervalMs?: number;
}

export interface Autosave {
  status: AutosaveStatus;
  /** When the last save arrived (automatic or not). */
  savedAt: Date | null;
  /**
   * Saves now if there is something to save, after any save already on its way. Resolves true when the
   * server has everything, false when it could not be saved (the status says why).
   */
  flush: () => Promise<boolean>;
  /** A save made another way (a button) arrived. */
  markSaved: () => void;
  /** A save made another way met a conflict: stop saving automatically. */
  markConflict: () => void;
}

function failureOf(error: ApiError): 'retrying' | 'rejected' | 'conflict' {
  if (error.status === 409) return 'conflict';
  // Network down (0), timeouts, throttling and server errors pass; other refusals hold for these values.
  if (error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500) return 'retrying';
  return 'rejected';
}

const NONE = Symbol('none');

/**
 * Saves a form's unsaved changes every `intervalMs` while it has some, one save at a time. A failure on
 * the way is retried at the next tick and shown; a conflict (409: someone saved in between) stops the
 * autosave, since saving again would need the newer version and would overwrite their work unseen.
 */
export function useAutosave({ dirty, enabled = true, revision, save, onError, intervalMs = AUTOSAVE_MS }: AutosaveOptions): Autosave {
  const [status, setStatus] = useState<AutosaveStatus>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const latest = useRef({ dirty, enabled, revision, save, onError });
  useEffect(() => {
    latest.current = { dirty, enabled, revision, save, onError };
  });
  const running = useRef<Promise<boolean> | null>(null);
  const conflict = useRef(false);
  const refused = useRef<unknown>(NONE);

  const run = useCallback(async (): Promise<boolean> => {
    const current = latest.current;
    if (conflict.current || !current.enabled) return false;
    if (!current.dirty) return true;
    if (refused.current !== NONE && Object.is(refused.current, current.revision)) return false;
    setStatus('saving');
    try {
      await current.save();
      refused.current = NONE;
      setSavedAt(new Date());
      setStatus('saved');
      return true;
    } catch (caught) {
      const error = toApiError(caught);
      const failure = failureOf(error);
      if (failure === 'conflict') conflict.current = true;
      if (failure === 'rejected') refused.current = current.revision;
      setStatus(failure);
      latest.current.onError?.(error, failure);
      return false;
    }
  }, []);

  const flush = useCallback((): Promise<boolean> => {
    const next = (running.current ?? Promise.resolve(true)).then(run);
    running.current = next;
    void next.finally(() => {
      if (running.current === next) running.current = null;
    });
    return next;
  }, [run]);

  const active = enabled && dirty;
  useEffect(() => {
    if (!active) return undefined;
    const timer = window.setInterval(() => {
      if (!running.current) void flush();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [active, intervalMs, flush]);

  const markSaved = useCallback(() => {
    refused.current = NONE;
    setSavedAt(new Date());
    setStatus('saved');
  }, []);
  const markConflict = useCallback(() => {
    conflict.current = true;
    setStatus('conflict');
  }, []);

  return { status, savedAt, flush, markSaved, markConflict };
}
