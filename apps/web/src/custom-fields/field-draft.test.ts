import type { CustomFieldResponse } from '@lantern/contracts';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { backfillAllowed, changeOf, creationOf, draftReady, emptyDraft, useFieldDraft, withChange } from './field-draft';

const saved: CustomFieldResponse = {
  id: 'f1',
  organizationId: 'o1',
  entity: 'case',
  key: 'industry',
  type: 'singleChoice',
  label: { en: 'Industry', es: 'Industria' },
  help: null,
  options: [
    { id: 'o-farm', label: { en: 'Farm' }, retired: false },
    { id: 'o-bar', label: { en: 'Bar', es: 'Bar' }, retired: false },
  ],
  required: false,
  applyTo: null,
  pii: false,
  readRoles: ['caseworker', 'coordinator'],
  writeRoles: ['caseworker'],
  shareable: false,
  metrics: true,
  min: null,
  max: null,
  step: null,
  retiredAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 3,
};

describe('the option list of a choice field', () => {
  it('adds, relabels and reorders options, and sends new ones without an id', () => {
    const { result } = renderHook(() => useFieldDraft());
    act(() => result.current.change({ type: 'singleChoice', key: 'industry', labelEn: 'Industry' }));
    expect(draftReady(result.current.draft)).toBe(false);
    act(() => result.current.addOption());
    act(() => result.current.addOption());
    const [first, second] = result.current.draft.options;
    act(() => result.current.relabelOption(first!.key, 'en', ' Farm '));
    act(() => result.current.relabelOption(second!.key, 'en', 'Bar'));
    act(() => result.current.relabelOption(second!.key, 'es', 'Bar (es)'));
    act(() => result.current.moveOption(second!.key, -1));
    act(() => result.current.moveOption(second!.key, -1)); // already first: nothing moves
    expect(draftReady(result.current.draft)).toBe(true);
    expect(creationOf(result.current.draft).options).toEqual([
      { label: { en: 'Bar', es: 'Bar (es)' }, retired: false },
      { label: { en: 'Farm' }, retired: false },
    ]);
  });

  it('retires a saved option instead of dropping it, and drops one not yet saved', () => {
    const { result } = renderHook(() => useFieldDraft(saved));
    act(() => result.current.addOption());
    const added = result.current.draft.options[2]!;
    act(() => result.current.removeOption('o-farm'));
    act(() => result.current.removeOption(added.key));
    expect(changeOf(result.current.draft, saved)).toMatchObject({
      version: 3,
      options: [
        { id: 'o-farm', label: { en: 'Farm' }, retired: true },
        { id: 'o-bar', label: { en: 'Bar', es: 'Bar' }, retired: false },
      ],
    });
    act(() => result.current.removeOption('o-farm')); // brought back
    expect(result.current.draft.options[0]!.retired).toBe(false);
  });

  it('a field made required applies to new records only, unless the admin fills in the existing ones', () => {
    expect(creationOf({ ...emptyDraft(), key: 'k', labelEn: 'K', required: true })).toMatchObject({ required: true, applyTo: 'new' });
    expect(creationOf({ ...emptyDraft(), key: 'k', labelEn: 'K' })).not.toHaveProperty('applyTo');
    const { result } = renderHook(() => useFieldDraft(saved));
    act(() => result.current.change({ required: true }));
    expect(changeOf(result.current.draft, saved)).toMatchObject({ required: true, applyTo: 'new' });
    expect(changeOf(result.current.draft, { ...saved, required: true })).not.toHaveProperty('applyTo');
    // Filled in: a saved option's id is the value every existing record without an answer gets.
    act(() => result.current.change({ backfill: true, backfillValue: 'o-bar' }));
    expect(changeOf(result.current.draft, saved)).toMatchObject({ required: true, applyTo: 'backfill', backfillValue: 'o-bar' });
    // Already required: nothing becomes required, so nothing is filled in.
    expect(changeOf(result.current.draft, { ...saved, required: true })).not.toHaveProperty('applyTo');
    expect(creationOf({ ...emptyDraft(), key: 'k', labelEn: 'K', type: 'yesNo', required: true, backfill: true, backfillValue: false })).toMatchObject({ applyTo: 'backfill', backfillValue: false });
  });

  it('never offers to fill in a PII field, a person, or a choice without saved options, and drops the offer when it stops applying', () => {
    const base = { ...emptyDraft(), key: 'k', labelEn: 'K', required: true };
    expect(backfillAllowed({ ...base, type: 'yesNo' })).toBe(true);
    expect(backfillAllowed({ ...base, type: 'shortText', pii: true })).toBe(false);
    expect(backfillAllowed({ ...base, type: 'person' })).toBe(false);
    expect(backfillAllowed({ ...base, type: 'singleChoice', options: [{ key: 'new-1', en: 'Farm', es: '', retired: false }] })).toBe(false);
    expect(backfillAllowed({ ...base, type: 'yesNo' }, true)).toBe(false);
    expect(backfillAllowed({ ...base, type: 'yesNo', required: false })).toBe(false);
    const { result } = renderHook(() => useFieldDraft());
    act(() => result.current.change({ type: 'yesNo', required: true, backfill: true, backfillValue: true }));
    act(() => result.current.change({ pii: true }));
    expect(result.current.draft.backfill).toBe(false);
    expect(creationOf({ ...result.current.draft, key: 'k', labelEn: 'K' })).toMatchObject({ applyTo: 'new' });
    expect(creationOf({ ...result.current.draft, key: 'k', labelEn: 'K' })).not.toHaveProperty('backfillValue');
  });

  it('is not ready while an option has no English label or every option is retired', () => {
    const { result } = renderHook(() => useFieldDraft(saved));
    act(() => result.current.addOption());
    expect(draftReady(result.current.draft)).toBe(false);
    act(() => result.current.removeOption(result.current.draft.options[2]!.key));
    act(() => result.current.removeOption('o-farm'));
    act(() => result.current.removeOption('o-bar'));
    expect(draftReady(result.current.draft)).toBe(false);
  });
});

describe('what a draft may ask for', () => {
  it('drops metrics when the field becomes PII or text, and admins from the readers of a PII field', () => {
    const start = { ...emptyDraft(), type: 'yesNo' as const, metrics: true, readRoles: ['admin', 'caseworker'] as const, writeRoles: ['admin', 'caseworker'] as const };
    const pii = withChange({ ...start, readRoles: [...start.readRoles], writeRoles: [...start.writeRoles] }, { pii: true });
    expect(pii.metrics).toBe(false);
    expect(pii.readRoles).toEqual(['caseworker']);
    expect(pii.writeRoles).toEqual(['caseworker']);
    expect(withChange({ ...start, readRoles: [], writeRoles: [] }, { type: 'shortText' }).metrics).toBe(false);
  });

  it('lets partners read only a shareable field, never write, and writers only among readers', () => {
    const draft = withChange(emptyDraft(), { readRoles: ['caseworker', 'partner'], writeRoles: ['caseworker', 'partner', 'coordinator'] });
    expect(draft.readRoles).toEqual(['caseworker']);
    expect(draft.writeRoles).toEqual(['caseworker']);
    const shared = withChange(emptyDraft(), { shareable: true, readRoles: ['caseworker', 'partner'], writeRoles: ['caseworker', 'partner'] });
    expect(shared.readRoles).toEqual(['caseworker', 'partner']);
    expect(shared.writeRoles).toEqual(['caseworker']);
  });

  it('never shares a PII field: marking it PII takes sharing, and so partner readers, away', () => {
    const shared = withChange(emptyDraft(), { shareable: true, readRoles: ['caseworker', 'partner'] });
    const pii = withChange(shared, { pii: true });
    expect(pii.shareable).toBe(false);
    expect(pii.readRoles).toEqual(['caseworker']);
    expect(withChange(pii, { shareable: true }).shareable).toBe(false);
  });

  it("sends a number field's bounds as numbers (none when left empty), and not for other types", () => {
    const number = withChange(emptyDraft(), { type: 'number', key: 'hours', labelEn: 'Hours', min: '0', max: '' });
    expect(creationOf(number)).toMatchObject({ min: 0, max: null });
    expect(draftReady({ ...number, max: 'e' })).toBe(false);
    expect(creationOf({ ...number, type: 'shortText' })).not.toHaveProperty('min');
  });

  it("sends an intake field's step (null for the group before the review), and no step for other forms", () => {
    const intake = withChange(emptyDraft(), { entity: 'intake', key: 'wages', labelEn: 'Wages', step: 'exploitation' });
    expect(creationOf(intake)).toMatchObject({ step: 'exploitation' });
    expect(creationOf({ ...intake, step: '' })).toMatchObject({ step: null });
    expect(creationOf({ ...intake, entity: 'case' })).not.toHaveProperty('step');
  });

  it('sends the type and PII mark of a change only when they changed', () => {
    const unchanged = changeOf(draftFor(saved), saved);
    expect(unchanged).not.toHaveProperty('type');
    expect(unchanged).not.toHaveProperty('pii');
    expect(unchanged).not.toHaveProperty('key');
    expect(changeOf({ ...draftFor(saved), type: 'multipleChoice' }, saved)).toHaveProperty('type', 'multipleChoice');
  });
});

function draftFor(field: CustomFieldResponse) {
  return renderHook(() => useFieldDraft(field)).result.current.draft;
}
