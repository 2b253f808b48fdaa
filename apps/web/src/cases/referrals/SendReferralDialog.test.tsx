import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LightShell } from '../../boot/SignInShell';
import { ApiError } from '../../providers/http';
import { i18nProvider } from '../../providers/i18n-provider';
import { store } from '../../providers/store';
import type { Referral } from '../../referrals/referral-types';
import { SendReferralDialog } from './SendReferralDialog';

const mocks = vi.hoisted(() => ({ transition: vi.fn(), getOne: vi.fn(), notify: vi.fn(), refresh: vi.fn() }));
vi.mock('react-admin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('react-admin')>()),
  useDataProvider: () => ({ transitionReferral: mocks.transition, getOne: mocks.getOne }),
  useNotify: () => mocks.notify,
  useRefresh: () => mocks.refresh,
}));

const referral = { id: 'r1', version: 3, sharedFields: ['alias', 'languages'] } as unknown as Referral;
const consentMissing = () =>
  new ApiError('not covered', 422, {
    code: 'REFERRAL_CONSENT_MISSING',
    message: 'not covered',
    fieldErrors: { sharedFields: ['not covered by a live consent: languages'] },
  });

function renderDialog(onClose = vi.fn()) {
  render(
    <LightShell>
      <SendReferralDialog open onClose={onClose} referral={referral} partnerName="Safe Homes" />
    </LightShell>,
  );
  return onClose;
}

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('sending a referral (one form idiom: FormDialog)', () => {
  it('sends, tells the coordinator and closes', async () => {
    mocks.transition.mockResolvedValue({});
    const onClose = renderDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(mocks.transition).toHaveBeenCalledWith('r1', { to: 'sent', version: 3 });
    expect(mocks.notify).toHaveBeenCalledWith('lantern.sendReferral.sent', expect.objectContaining({ type: 'success' }));
    expect(mocks.refresh).toHaveBeenCalled();
  });

  it('turns a refusal for want of consent into the override step, naming the detail, and sends with the reason', async () => {
    mocks.transition.mockRejectedValueOnce(consentMissing()).mockResolvedValueOnce({});
    const onClose = renderDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
    const warning = await screen.findByTestId('consent-missing');
    expect(warning.textContent).toContain('Languages');
    expect(onClose).not.toHaveBeenCalled();
    // Not an error: the dialog asks for the reason, and will not send without one long enough.
    expect(screen.queryAllByRole('alert').filter((a) => a !== warning)).toEqual([]);
    const anyway = screen.getByRole('button', { name: 'Send anyway' });
    expect((anyway as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByRole('textbox', { name: /Why send without the consent/ }), { target: { value: 'She is in danger tonight' } });
    fireEvent.click(anyway);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(mocks.transition).toHaveBeenLastCalledWith('r1', { to: 'sent', version: 3, overrideReason: 'She is in danger tonight' });
    expect(mocks.notify).toHaveBeenCalledWith('lantern.sendReferral.sentOverride', expect.anything());
  });

  it("shows the API's refusal of the reason under the field and stays open", async () => {
    const tooVague = new ApiError('Check the form', 400, { code: 'VALIDATION_FAILED', message: 'Check the form', fieldErrors: { overrideReason: ['must say why'] } });
    mocks.transition.mockRejectedValueOnce(consentMissing()).mockRejectedValueOnce(tooVague);
    const onClose = renderDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
    await screen.findByTestId('consent-missing');
    fireEvent.change(screen.getByRole('textbox', { name: /Why send without the consent/ }), { target: { value: 'aaaaaaaaaaaa' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send anyway' }));
    expect(await screen.findByText('must say why')).toBeTruthy();
    expect(screen.getByText('Check the form')).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });

  const incomplete = () =>
    new ApiError('The referral needs these before it is sent: custom.bedNeeded, custom.safeWord', 422, {
      code: 'REFERRAL_INCOMPLETE',
      message: 'The referral needs these before it is sent: custom.bedNeeded, custom.safeWord',
      fieldErrors: { 'custom.bedNeeded': ['is required to send the referral'], 'custom.safeWord': ['is required to send the referral'] },
    });
  // Her role reads bedNeeded (labelled in both languages), not safeWord.
  const referralFields = { data: { id: 'r1', fields: [{ key: 'bedNeeded', label: { en: 'Bed needed tonight', es: 'Necesita cama esta noche' } }] } };

  it("names the organization's required details still empty by their labels, a field she may not read by its key, and stays open", async () => {
    mocks.transition.mockRejectedValueOnce(incomplete());
    mocks.getOne.mockResolvedValueOnce(referralFields);
    const onClose = renderDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
    expect(await screen.findByText('Fill in these details your organization requires before sending the referral: Bed needed tonight, safeWord.')).toBeTruthy();
    expect(mocks.getOne).toHaveBeenCalledWith('custom-values/referral', { id: 'r1' });
    expect(screen.queryByText(/custom\./)).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('names them in Spanish for a Spanish reader', async () => {
    await act(async () => {
      await i18nProvider.changeLocale('es');
      store.setItem('locale', 'es');
    });
    try {
      mocks.transition.mockRejectedValueOnce(incomplete());
      mocks.getOne.mockResolvedValueOnce(referralFields);
      renderDialog();
      fireEvent.click(screen.getByRole('button', { name: 'Enviar la derivación' }));
      expect(await screen.findByText('Complete estos datos que su organización exige antes de enviar la derivación: Necesita cama esta noche, safeWord.')).toBeTruthy();
    } finally {
      await act(async () => {
        await i18nProvider.changeLocale('en');
        store.setItem('locale', 'en');
      });
    }
  });

  it('says what to do when the fields cannot be read at all', async () => {
    mocks.transition.mockRejectedValueOnce(incomplete());
    mocks.getOne.mockRejectedValueOnce(new Error('offline'));
    renderDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Send referral' }));
    expect(await screen.findByText('Fill in these details your organization requires before sending the referral: bedNeeded, safeWord.')).toBeTruthy();
  });
});
