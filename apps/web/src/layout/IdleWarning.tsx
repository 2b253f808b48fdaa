import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useLogout, useNotify, useTranslate } from 'react-admin';
import { getLastServerTouch, subscribeServerTouch } from '../providers/activity';
import { loadSession } from '../providers/session';
import { ACTIVITY_REFRESH_MS, END_SAVE_MS, formatCountdown, SAVE_AT_END_LIMIT_MS, sessionDeadline, WARNING_MS, within } from './idle';
import { saveUnsavedWork, useUnsavedWorkList, type UnsavedWork } from './unsaved-work';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Shared computers: the server ends a session after `idleTimeoutSeconds` without a request. Two
 * minutes before, this dialog offers to stay; at the end the app signs out and shows the sign-in page,
 * which leads back to the same page once the person has signed in again.
 * Typing and clicking count as presence and refresh the session now and then; background requests
 * (header X-Lantern-Background) never do.
 * Unsaved work (layout/unsaved-work.ts) is named in the dialog, which then offers "Save and stay signed
 * in"; drafts among it are saved before the session ends, corrections of notes only when asked (a note is final).
 */
export function IdleWarning({ idleTimeoutSeconds, absoluteExpiresAt }: { idleTimeoutSeconds: number; absoluteExpiresAt: string }) {
  const logout = useLogout();
  const translate = useTranslate();
  const notify = useNotify();
  const lastTouch = useSyncExternalStore(subscribeServerTouch, getLastServerTouch);
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const signingOut = useRef(false);
  const work = useUnsavedWorkList();
  const labels = [...new Set(work.map((item) => translate(item.label)))];
  // The drafts are saved shortly before the end, while the session still accepts them.
  const endSave = useRef<Promise<unknown> | null>(null);
  const saveAtEnd = (): Promise<unknown> => {
    endSave.current ??= within(saveUnsavedWork({ atEnd: true }), SAVE_AT_END_LIMIT_MS);
    return endSave.current;
  };

  const deadline = sessionDeadline(lastTouch, idleTimeoutSeconds, absoluteExpiresAt);
  const remaining = deadline.at - now;
  const warning = remaining <= WARNING_MS;
  const warningRef = useRef(warning);
  useEffect(() => {
    warningRef.current = warning;
  }, [warning]);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    const onActivity = (): void => {
      if (warningRef.current || signingOut.current) return;
      if (Date.now() - getLastServerTouch() < ACTIVITY_REFRESH_MS) return;
      void loadSession({ force: true }).catch(() => undefined);
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, []);

  useEffect(() => {
    if (remaining > END_SAVE_MS) {
      endSave.current = null; // the session was extended: the next end saves again
      return;
    }
    if (remaining > 0 && !endSave.current && !signingOut.current && work.some((item) => item.saveAtEnd)) void saveAtEnd();
  });

  useEffect(() => {
    if (remaining > 0 || signingOut.current) return;
    signingOut.current = true;
    void saveAtEnd().then(() => signOutNow());
  });

  const signOutNow = (): void => {
    notify(
      deadline.absolute
        ? 'lantern.idle.limitReached'
        : translate('lantern.idle.signedOut', { smart_count: Math.round(idleTimeoutSeconds / 60) }),
      { type: 'info', autoHideDuration: null },
    );
    // Signing in again returns to this page (react-admin keeps it in the sign-in page's location state).
    void logout({}, '/login', true);
  };

  const tellNotSaved = (failed: UnsavedWork[]): void => {
    if (failed.length === 0) return;
    const items = [...new Set(failed.map((item) => translate(item.label)))].join(', ');
    notify(translate('lantern.idle.notSaved', { items }), { type: 'warning', autoHideDuration: null });
  };

  const staySignedIn = async (): Promise<void> => {
    setBusy(true);
    try {
      tellNotSaved(await saveUnsavedWork());
      await loadSession({ force: true });
      setNow(Date.now());
    } catch {
      // A 401 here means the session is already gone; the next tick signs out.
    } finally {
      setBusy(false);
    }
  };

  const saveNow = async (): Promise<void> => {
    setBusy(true);
    try {
      tellNotSaved(await saveUnsavedWork());
    } finally {
      setBusy(false);
    }
  };

  const signOut = async (): Promise<void> => {
    if (signingOut.current) return;
    signingOut.current = true;
    setBusy(true);
    await saveAtEnd();
    void logout({}, '/login', true);
  };

  const open = warning && remaining > 0;
  return (
    <Dialog
      open={open}
      role="alertdialog"
      aria-labelledby="idle-title"
      aria-describedby={labels.length > 0 ? 'idle-text idle-unsaved' : 'idle-text'}
      maxWidth="xs"
      fullWidth
    >
      <DialogTitle id="idle-title">
        {translate(deadline.absolute ? 'lantern.idle.endsIn' : 'lantern.idle.stillThere', { time: formatCountdown(remaining) })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText id="idle-text" aria-live="polite">
          {translate(deadline.absolute ? 'lantern.idle.absoluteText' : 'lantern.idle.idleText', { time: formatCountdown(remaining) })}
        </DialogContentText>
        {labels.length > 0 && (
          <DialogContentText id="idle-unsaved" sx={{ mt: 1.5 }} data-testid="idle-unsaved">
            {translate('lantern.idle.unsaved', { items: labels.join(', ') })}
          </DialogContentText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void signOut()} color="inherit" disabled={busy}>
          {translate('ra.auth.logout')}
        </Button>
        {deadline.absolute && labels.length > 0 && (
          <Button onClick={() => void saveNow()} variant="contained" disabled={busy} autoFocus>
            {translate('lantern.idle.saveNow')}
          </Button>
        )}
        {!deadline.absolute && (
          <Button onClick={() => void staySignedIn()} variant="contained" disabled={busy} autoFocus>
            {translate(labels.length > 0 ? 'lantern.idle.saveAndStay' : 'lantern.idle.stay')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
