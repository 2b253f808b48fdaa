import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, httpClient, idempotencyKey } from './http';

/** What the API would answer: one scripted reply per request, in order. */
function answers(...replies: { status: number; body?: unknown }[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const reply = replies.shift();
      if (!reply) throw new TypeError('Failed to fetch');
      const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
      return new Response(body, { status: reply.status, headers: { 'Content-Type': 'application/json' } });
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
