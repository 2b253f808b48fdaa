import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, httpClient, idempotencyKey, retryAfterSeconds } from './http';

/** What the API would answer: one scripted reply per request, in order. */
function answers(...replies: { status: number; body?: unknown; headers?: Record<string, string> }[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const reply = replies.shift();
      if (!reply) throw new TypeError('Failed to fetch');
      const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
      return new Response(body, { status: reply.status, headers: { 'Content-Type': 'application/json', ...reply.headers } });
    }),
  );
  return calls;
}
const header = (call: { init: RequestInit }, name: string) => new Headers(call.init.headers).get(name);

describe('the web app\'s HTTP client', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('says it is the web app (the API\'s CSRF check) and sends the session cookie only to its own origin', async () => {
    const calls = answers({ status: 200, body: { ok: true } });
    await httpClient('/api/v1/cases');
    expect(header(calls[0]!, 'X-Lantern-Client')).toBe('web');
    expect(calls[0]!.init.credentials).toBe('same-origin');
  });

  it('sends a create again with the same Idempotency-Key when the API is briefly unavailable, so the record is made once', async () => {
    const calls = answers({ status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: 'busy' } }, { status: 201, body: { id: 'x' } });
    const { json } = await httpClient('/api/v1/survivors', { method: 'POST', body: JSON.stringify({ alias: 'A' }) });
    expect(json).toEqual({ id: 'x' });
    expect(calls).toHaveLength(2);
    expect(header(calls[0]!, 'Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(header(calls[1]!, 'Idempotency-Key')).toBe(header(calls[0]!, 'Idempotency-Key'));
  });

  it('never repeats a change that carries a version (PUT): it would be refused as stale anyway', async () => {
    const calls = answers({ status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: 'busy' } }, { status: 200, body: {} });
    await expect(httpClient('/api/v1/cases/1', { method: 'PUT', body: '{}' })).rejects.toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(calls).toHaveLength(1);
    expect(header(calls[0]!, 'Idempotency-Key')).toBeNull();
  });

  it('waits as long as the answer\'s Retry-After asks before trying again, and not at all past ten seconds', async () => {
    const calls = answers({ status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: 'busy' }, headers: { 'Retry-After': '3' } }, { status: 200, body: { ok: true } });
    const done = httpClient('/api/v1/cases');
    await vi.advanceTimersByTimeAsync(2_900);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(done).resolves.toMatchObject({ json: { ok: true } });
    expect(calls).toHaveLength(2);

    const refused = answers({ status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: 'down' }, headers: { 'Retry-After': '120' } }, { status: 200, body: {} });
    await expect(httpClient('/api/v1/cases')).rejects.toMatchObject({ status: 503, body: { retryAfterSeconds: 120 } });
    expect(refused).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-05T10:00:00Z');
    expect(retryAfterSeconds('5', now)).toBe(5);
    expect(retryAfterSeconds('Sat, 05 Dec 2026 10:00:07 GMT', now)).toBe(7);
    expect(retryAfterSeconds('Sat, 05 Dec 2026 09:59:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
  });

  it('gives up after two more tries, with the API\'s own error', async () => {
    const busy = { status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: 'busy' } };
    const calls = answers(busy, busy, busy, { status: 200, body: {} });
    const error = await httpClient('/api/v1/cases').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(3);
  });

  it('turns a problem answer into an error naming its code and fields', async () => {
    answers({ status: 400, body: { code: 'VALIDATION_FAILED', message: 'Invalid input: alias is required', errors: { alias: ['is required'] } } });
    const error = (await httpClient('/api/v1/survivors', { method: 'POST', body: '{}' }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.body.fieldErrors).toEqual({ alias: ['is required'] });
    // ...and gives react-admin's form the message to show under the input.
    expect(error.body.errors).toHaveProperty('alias');
  });

  it('makes keys that differ every time, in the UUID v4 layout, even without crypto.randomUUID', () => {
    const keys = new Set(Array.from({ length: 50 }, () => idempotencyKey()));
    expect(keys.size).toBe(50);
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => real.getRandomValues(a) });
    expect(idempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
