import type { CaseNoteDraftResponse, ContactMethod, NoteType } from '@lantern/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { api, toApiError } from '../../providers/http';
import { useAutosave, type Autosave } from '../intake/use-autosave';

/** What the note form holds; `occurredAt` as the value of its <input type="datetime-local">. */
export interface NoteDraftValues {
  noteType: NoteType;
  contactMethod: ContactMethod;
  occurredAt: string;
  restricted: boolean;
  body: string;
}

const fingerprint = (v: NoteDraftValues): string => JSON.stringify([v.noteType, v.contactMethod, v.occurredAt, v.restricted, v.body]);

function isoOf(local: string): string | null {
  const time = new Date(local).getTime();
  return local && !Number.isNaN(time) ? new Date(time).toISOString() : null;
}

/** A value for <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  date.setMinutes(date.getMinutes() - date.getTimezoneOffset());
  return date.toISOString().slice(0, 16);
}

export interface NoteDraft {
  /** The server's draft has been looked for (the form may be filled). */
  loaded: boolean;
  /** The server holds a draft of this note. */
  hasDraft: boolean;
  /** The form holds changes the server's draft does not have. */
  dirty: boolean;
  autosave: Autosave;
  /** Why the draft could not be saved (another window saved it, the case closed), or null. */
  problem: string | null;
  /** Before the note is saved: waits for a save on its way and saves no more. */
  finish: () => Promise<void>;
  /** The note could not be saved: drafting goes on. */
  resume: () => void;
  /** The note was saved: the API removed the draft with it (features/case-notes/case-notes.service.ts). */
  noteSaved: () => void;
  /** Deletes the draft on the server. */
  discard: () => Promise<void>;
}

/**
 * The author's draft of a new note on the server (issue 13, "drafts of notes autosave"): read when the
 * form opens (`onLoaded` fills it), then saved every 10 s while it has changes, one save at a time with
 * the version last returned (`PUT /case-notes/drafts/mine`). Only the author ever reads it back
 * (features/case-notes/note-drafts.service.ts). The text stays in memory and on the server, never in
 * browser storage or the address (docs/architecture.md, "Work in progress in the browser").
 */
export function useNoteDraft({ caseId, enabled, values, onLoaded }: { caseId: string; enabled: boolean; values: NoteDraftValues; onLoaded: (values: NoteDraftValues) => void }): NoteDraft {
  const translate = useTranslate();
  const [loaded, setLoaded] = useState(!enabled);
  const [baseline, setBaseline] = useState(() => fingerprint(values));
  const [hasDraft, setHasDraft] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const draft = useRef<CaseNoteDraftResponse | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const stopped = useRef(false);
  const latest = useRef({ values, onLoaded });
  useEffect(() => {
    latest.current = { values, onLoaded };
  });

  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    api<CaseNoteDraftResponse>(`/case-notes/drafts/mine?caseId=${encodeURIComponent(caseId)}`)
      .then((found) => {
        if (!live) return;
        draft.current = found;
        setHasDraft(true);
        const current = latest.current.values;
        const restored: NoteDraftValues = {
          noteType: found.noteType,
          contactMethod: found.contactMethod,
          occurredAt: found.occurredAt ? toLocalInput(found.occurredAt) : current.occurredAt,
          restricted: found.restricted,
          body: found.body,
        };
        latest.current.onLoaded(restored);
        setBaseline(fingerprint(restored));
      })
      // 404: no draft yet. Another failure starts empty; a draft that exists meets a 409 at the first save.
      .catch(() => undefined)
      .finally(() => {
        if (live) setLoaded(true);
      });
    return () => {
      live = false;
    };
  }, [caseId, enabled]);

  const changed = fingerprint(values) !== baseline;
  const dirty = enabled && loaded && changed && (hasDraft || values.body.trim().length > 0);

  /** One save at a time, each with the version the last one returned. */
  const persist = (): Promise<void> => {
    const work = async (): Promise<void> => {
      if (stopped.current) return;
      const sent = latest.current.values;
      const current = draft.current;
      const saved = await api<CaseNoteDraftResponse>('/case-notes/drafts/mine', {
        method: 'PUT',
        // An automatic save must not keep an unattended screen signed in.
        background: true,
        body: {
          caseId,
          ...(current ? { version: current.version } : {}),
          noteType: sent.noteType,
          contactMethod: sent.contactMethod,
          occurredAt: isoOf(sent.occurredAt),
          restricted: sent.restricted,
          body: sent.body,
        },
      });
      draft.current = saved;
      setHasDraft(true);
      setBaseline(fingerprint(sent));
      setProblem(null);
    };
    const next = chain.current.then(work, work);
    chain.current = next.catch(() => undefined);
    return next;
  };

  const autosave = useAutosave({
    dirty,
    enabled: enabled && loaded,
    revision: fingerprint(values),
    save: persist,
    onError: (error, status) => {
      if (status === 'retrying') return;
      const stale = error.code === 'STALE_VERSION' || error.code === 'CONFLICT';
      setProblem(stale ? translate('lantern.notes.draftStale') : error.message);
    },
  });

  const finish = async (): Promise<void> => {
    stopped.current = true;
    await chain.current;
  };
  const resume = (): void => {
    stopped.current = false;
  };
  const noteSaved = (): void => {
    draft.current = null;
    setHasDraft(false);
  };
  const discard = async (): Promise<void> => {
    await finish();
    if (draft.current) {
      try {
        await api(`/case-notes/drafts/mine?caseId=${encodeURIComponent(caseId)}`, { method: 'DELETE' });
      } catch (caught) {
        if (toApiError(caught).status !== 404) {
          resume();
          throw caught;
        }
      }
    }
    noteSaved();
  };

  return { loaded, hasDraft, dirty, autosave, problem, finish, resume, noteSaved, discard };
}
