import { describe, expect, it, vi } from 'vitest';
import { endSessionOnServer } from './quick-exit';

/** Quick Exit's last word to the server: a request the API's CSRF check accepts, on every browser. */
describe('ending the session as Quick Exit leaves', () => {
  it('sends a keepalive POST with the web app header where keepalive works, and no beacon', () => {
    const fetch = vi.fn(() => Promise.resolve());
    const sendBeacon = vi.fn(() => true);
    expect(endSessionOnServer({ fetch, sendBeacon, keepalive: true })).toBe('keepalive');
    expect(fetch).toHaveBeenCalledWith('/api/v1/auth/logout', {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      headers: { 'X-Lantern-Client': 'web' },
    });
    expect(sendBeacon).not.toHaveBeenCalled();
  });

  it('falls back to a beacon (which carries the page Origin) only without keepalive', () => {
    const fetch = vi.fn(() => Promise.resolve());
    const sendBeacon = vi.fn(() => true);
    expect(endSessionOnServer({ fetch, sendBeacon, keepalive: false })).toBe('beacon');
    expect(sendBeacon).toHaveBeenCalledWith('/api/v1/auth/logout');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('tries a plain POST when the beacon is refused, and never throws', () => {
    const fetch = vi.fn(() => Promise.reject(new Error('offline')));
    expect(endSessionOnServer({ fetch, sendBeacon: () => false, keepalive: false })).toBe('fetch');
    expect(fetch).toHaveBeenCalledWith('/api/v1/auth/logout', expect.objectContaining({ headers: { 'X-Lantern-Client': 'web' } }));
    expect(endSessionOnServer({ sendBeacon: () => { throw new Error('blocked'); }, keepalive: false })).toBe('none');
  });
});
