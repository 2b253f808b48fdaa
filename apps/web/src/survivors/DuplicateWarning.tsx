import type { DuplicateCheckBody, DuplicateCheckResult } from '@lantern/contracts';
import { useEffect, useRef, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { api } from '../providers/http';
import { DuplicateMatches } from './DuplicateMatches';

/** Quiet time after the last keystroke before the draft is checked (each check counts as a search). */
const SETTLE_MS = 1200;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * Issue 13: "A duplicate alias is accepted without warning." Inside a survivor form, checks the draft
 * (alias, names, date of birth or birth year, phone, e-mail; issue 17) against the organization once
 * typing pauses, and warns — before saving —
 * with links to the likely matches this person may read; matches in other caseloads are only counted.
 * Never blocking: staff decide. The draft travels in a POST body; nothing is kept in the browser.
 */
export function DuplicateWarning() {
  const [alias, legalName, preferredName, birthYear, dateOfBirth, phone, email] = useWatch({
    name: ['alias', 'legalName', 'preferredName', 'birthYear', 'dateOfBirth', 'phone', 'email'],
  }) as unknown[];
  const [result, setResult] = useState<DuplicateCheckResult | null>(null);
  const [failed, setFailed] = useState(false);
  const asked = useRef('');

  useEffect(() => {
    const body: DuplicateCheckBody = {};
    const a = text(alias);
    if (a && a.length >= 2) body.alias = a;
    if (text(legalName)) body.legalName = text(legalName);
    if (text(preferredName)) body.preferredName = text(preferredName);
    const year = Number(birthYear);
    if (Number.isInteger(year) && year >= 1900 && year <= new Date().getFullYear()) body.birthYear = year;
    if (typeof dateOfBirth === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) && dateOfBirth >= '1900-01-01' && dateOfBirth < new Date().toISOString().slice(0, 10)) {
      body.dateOfBirth = dateOfBirth;
      body.birthYear = Number(dateOfBirth.slice(0, 4));
    }
    // Only once they look whole: a half-typed number or address would be refused (400).
    const tel = text(phone);
    if (tel && /^\+?[0-9][0-9 ().-]{2,30}$/.test(tel) && tel.replace(/\D/g, '').length >= 7) body.phone = tel;
    const mail = text(email);
    if (mail && /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(mail)) body.email = mail;
    const key = JSON.stringify(body);
    if (!body.alias && !body.legalName && !body.preferredName && !body.phone && !body.email && !body.dateOfBirth) {
      asked.current = key;
      setResult(null);
      return undefined;
    }
    if (key === asked.current) return undefined;
    let live = true;
    const timer = setTimeout(() => {
      asked.current = key;
      api<DuplicateCheckResult>('/survivors/duplicates', { method: 'POST', body })
        .then((found) => {
          if (!live) return;
          setResult(found);
          setFailed(false);
        })
        .catch(() => {
          if (!live) return;
          asked.current = '';
          setFailed(true);
        });
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [alias, legalName, preferredName, birthYear, dateOfBirth, phone, email]);

  return <DuplicateMatches result={result} failed={failed} />;
}
