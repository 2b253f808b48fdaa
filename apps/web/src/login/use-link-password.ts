import { useEffect, useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { api, toApiError } from '../providers/http';
import { forgetLinkToken } from './link-token';

type Loaded<T> = { state: 'loading' } | { state: 'dead' } | { state: 'ready'; value: T };

/** What the link is for, asked of the API once: loading, ready, or dead (used, replaced, expired). */
export function usePreview<T>(path: string, token: string): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    api<T>(path, { method: 'POST', body: { token } })
      .then((value) => live && setLoaded({ state: 'ready', value }))
      .catch(() => live && setLoaded({ state: 'dead' }));
    return () => {
      live = false;
    };
  }, [path, token]);
  return loaded;
}

/**
 * Choosing a password from a link (an invitation, a reset): typed twice, sent once; a link the API no
 * longer knows (LINK_INVALID) turns the page into "this link cannot be used".
 */
export function useLinkPassword({ complete, onDone }: { complete: (password: string) => Promise<void>; onDone: () => void }) {
  const translate = useTranslate();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [dead, setDead] = useState(false);

  const leave = (): void => {
    forgetLinkToken();
    onDone();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setFieldError(undefined);
    if (password !== repeat) {
      setFieldError(translate('lantern.accounts.mismatch'));
      return;
    }
    setBusy(true);
    try {
      await complete(password);
      forgetLinkToken();
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.code === 'LINK_INVALID') setDead(true);
      setError(apiError.message);
      setFieldError(apiError.body.fieldErrors.password?.join('; '));
    } finally {
      setBusy(false);
    }
  };

  return { password, setPassword, repeat, setRepeat, error, fieldError, busy, dead, leave, submit };
}
