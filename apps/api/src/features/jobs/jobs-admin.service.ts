import { Injectable } from '@nestjs/common';
import type { JobRunResponse, JobSummaryResponse } from '@lantern/contracts';
import { AuditService } from '../../access/audit/audit.service.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { notFound } from '../../kernel/http/domain-error.js';
import { Jobs } from '../../kernel/jobs/jobs.js';

/** What admins see of the durable jobs (kernel/jobs/jobs.ts), and their "run now". */
@Injectable()
export class JobsAdminService {
  constructor(
    private readonly jobs: Jobs,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<JobSummaryResponse[]> {
    return this.jobs.summaries();
  }

  /** Jobs are system-wide (every organization's referrals, every audit chain): running one is a sensitive act. */
  async runNow(name: string): Promise<JobRunResponse> {
    const { actor } = currentActor();
    // The name is checked against the defined jobs only: it never reaches SQL or the logs otherwise.
    if (!this.jobs.names().includes(name)) throw notFound(`Job "${name.slice(0, 60)}"`);
    this.auth.requireStepUp(actor);
    const id = await this.jobs.runNow(name);
    await this.audit.recordAlone({ action: 'create', subjectType: 'JobRun', subjectId: id, reason: `run now: ${name}` });
    return { name, id };
  }
}
