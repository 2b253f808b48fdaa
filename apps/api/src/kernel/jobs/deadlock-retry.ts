/**
 * Two processes starting at once on one new database (a deploy of two instances) both create the same
 * queues; pg-boss's createQueue (a partition table and a row each) can then deadlock, and PostgreSQL
 * kills one of the two (40P01), which stopped that process's start. Both statements are idempotent, so
 * the loser simply tries again after a short random pause (apps/api/src/kernel/jobs/two-processes.int-spec.ts).
 */
export async function retryOnDeadlock<T>(step: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).code ?? (error as { driverError?: { code?: string } }).driverError?.code;
      if (code !== '40P01' || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}
