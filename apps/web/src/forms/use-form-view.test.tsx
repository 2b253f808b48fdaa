import { AbilityProvider } from '@casl/react';
import { BUILT_IN_FORMS, type FormDefinitionResponse, type MeResponse, type Role } from '@lantern/contracts';
import { defineAbilityFor, encodeRules } from '@lantern/permissions';
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { AdminContext, memoryStore } from 'react-admin';
import { afterEach, describe, expect, it } from 'vitest';
import { i18nProvider } from '../providers/i18n-provider';
import { clearSession, setSession } from '../providers/session';
import { formView } from './form-view';
import { FORMS_KEY } from './forms-api';
import { useFormView } from './use-form-view';

/** The organization's intake with "Trafficking status" relabelled and required, and the industry hidden. */
function definition(): FormDefinitionResponse {
  const base = formView('intake', undefined, 'en', (key) => key);
  return {
    form: 'intake',
    steps: [...BUILT_IN_FORMS.intake.steps],
    stages: [...BUILT_IN_FORMS.intake.stages],
    fields: BUILT_IN_FORMS.intake.fields.map((f) => ({
      key: f.key,
      step: f.step,
      locked: f.locked ?? null,
      builtInRequired: f.requiredFrom ?? null,
      hidden: f.key === 'forcedLabourIndustry',
      required: f.key === 'traffickingStatus' ? 'intake_submit' : 'none',
      requiredFrom: f.key === 'traffickingStatus' ? 'intake_submit' : (f.requiredFrom ?? null),
      label: f.key === 'traffickingStatus' ? { en: 'Status when identified', es: 'Estado al identificarla' } : {},
      help: {},
      order: base.field(f.key)!.order,
    })),
    version: 2,
    updatedAt: '2026-12-05T10:00:00.000Z',
    updatedBy: 'admin-1',
  };
}

/** The person's session as /auth/me gives it (her role's real rules), and a cache already holding the form. */
function render(role: Role, locale: 'en' | 'es' = 'en') {
  const user = { id: 'u-1', role, organizationId: 'org-1', partnerOrgId: role === 'partner' ? 'p-1' : null };
  const session = setSession({
    user: { ...user, email: 'someone@example.test', displayName: 'Someone' },
    rules: encodeRules(defineAbilityFor(user).rules, user),
    mfaEnabled: true,
    mfaEnrolmentRequired: false,
    idleTimeoutSeconds: 900,
    absoluteExpiresAt: '2026-12-05T22:00:00.000Z',
    demo: false,
  } as unknown as MeResponse);
  // Fresh data in the cache: the hook reads it without asking the API.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData([...FORMS_KEY, 'intake'], definition());
  const store = memoryStore({ locale });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AdminContext i18nProvider={i18nProvider} queryClient={queryClient} store={store}>
      <AbilityProvider value={session.ability}>{children}</AbilityProvider>
    </AdminContext>
  );
  return renderHook(() => useFormView('intake'), { wrapper });
}

afterEach(() => {
  cleanup();
  act(() => clearSession());
});

describe('useFormView (docs/forms.md)', () => {
  it("gives a caseworker her organization's intake: its label, hidden field and requirement", () => {
    const { result } = render('caseworker');
    expect(result.current.field('traffickingStatus')).toMatchObject({ label: 'Status when identified', relabelled: true, orgRequired: 'intake_submit' });
    expect(result.current.visible('forcedLabourIndustry')).toBe(false);
    expect(result.current.requiredAt('intake_submit').map((f) => f.key)).toEqual(['traffickingStatus']);
    // A field the organization left alone keeps Lantern's label, in the reader's language.
    expect(result.current.field('intakeDate')?.label).toBe('Intake date');
  });

  it('gives a partner, who does not read form settings, Lantern’s own form', () => {
    const { result } = render('partner');
    expect(result.current.visible('forcedLabourIndustry')).toBe(true);
    expect(result.current.field('traffickingStatus')).toMatchObject({ label: 'Trafficking status', relabelled: false, orgRequired: 'none' });
  });
});
