import { retryOnDeadlock } from './deadlock-retry.js';

describe('retryOnDeadlock (two processes creating the same queues)', () => {
  it('tries a step again when PostgreSQL killed it as a deadlock victim, and returns its answer', async () => {
    let calls = 0;
    const answer = await retryOnDeadlock(async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'created';
    });
    expect(answer).toBe('created');
    expect(calls).toBe(3);
  });

  it('reads the code TypeORM wraps, and gives up after five deadlocks', async () => {
    let calls = 0;
    const deadlock = Object.assign(new Error('deadlock detected'), { driverError: { code: '40P01' } });
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw deadlock;
      }),
    ).rejects.toBe(deadlock);
    expect(calls).toBe(5);
  });

  it('never repeats a step that failed for any other reason', async () => {
    let calls = 0;
    const other = Object.assign(new Error('relation does not exist'), { code: '42P01' });
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
  });
});
