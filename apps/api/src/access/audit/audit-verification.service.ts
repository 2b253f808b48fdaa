import { appendFile } from 'node:fs/promises';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditChainStatusResponse } from '@lantern/contracts';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { JobError, Jobs } from '../../kernel/jobs/jobs.js';
import { shortFingerprint, verifyAuditChain, type ChainReport } from './audit-chain.js';
import { AuditVerification } from './audit-anchor.entity.js';

export const AUDIT_VERIFY_EVERY_MILLIS = 24 * 3_600_000;
const ANCHOR_TIMEOUT_MILLIS = 10_000;

/** The line an anchor receives: when, the outcome, the key's fingerprint and every chain's head. No survivor data. */
export function anchorLine(report: ChainReport, verifiedAt: Date): Record<string, unknown> {
  return {
    type: 'lantern.audit-anchor',
    verifiedAt: verifiedAt.toISOString(),
    outcome: report.outcome,
    keyFingerprint: shortFingerprint(report.fingerprint),
    heads: report.heads.map((h) => ({ chainId: h.chainId, organizationId: h.organizationId, seq: h.seq, hash: h.hash })),
  };
}

/** What an admin is shown of the last verification: only their own organization's chain is named. */
export type AuditChainStatus = AuditChainStatusResponse;

/**
 * Verifies the audit chains (the same check as `npm run audit:verify`), stores the result, and writes the
 * chain heads to the external anchor when one is configured, so that a database administrator cannot
 * rewrite history silently (docs/security-model.md, audit anchor).
 */
@Injectable()
export class AuditVerificationService {
  private readonly logger = new Logger('AuditVerification');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** One verification, stored, and anchored. A failed anchor is logged (without data) and tried again at the next run. */
  async run(): Promise<{ report: ChainReport; row: AuditVerification }> {
    const report = await verifyAuditChain(this.dataSource, this.config.keys.auditKey);
    const verifiedAt = this.clock.now();
    const anchor = await this.writeAnchor(anchorLine(report, verifiedAt));
    const row = await this.dataSource.getRepository(AuditVerification).save({
      verifiedAt,
      outcome: report.outcome,
      rowsChecked: report.rowsChecked,
      chains: report.chains,
      keyFingerprint: report.fingerprint,
      expectedFingerprint: report.wrongKey?.expected ?? null,
      brokenChainId: report.firstBreak?.chainId ?? report.wrongKey?.chainId ?? null,
      brokenRowId: report.firstBreak?.id ?? null,
      brokenSeq: report.firstBreak?.seq ?? null,
      problem: report.firstBreak?.problem ?? (report.wrongKey ? 'wrong key' : null),
      heads: report.heads,
      anchor,
    });
    if (report.outcome !== 'ok') this.logger.error(`audit verification: ${report.outcome === 'broken' ? 'chain broken' : 'wrong audit key'}; see the admin's audit page`);
    return { report, row };
  }

  private async writeAnchor(line: Record<string, unknown>): Promise<'written' | 'failed' | 'off'> {
    const { file, url } = this.config.auditAnchor ?? { file: null, url: null };
    if (!file && !url) return 'off';
    let ok = true;
    if (file) {
      try {
        await appendFile(file, `${JSON.stringify(line)}\n`, { encoding: 'utf8', mode: 0o600 });
      } catch (error) {
        ok = false;
        this.logger.warn(`audit anchor: writing the anchor file failed (${(error as NodeJS.ErrnoException).code ?? 'error'}); retrying at the next run`);
      }
    }
    if (url) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(line),
          signal: AbortSignal.timeout(ANCHOR_TIMEOUT_MILLIS),
        });
        if (!res.ok) throw new Error(`status ${res.status}`);
      } catch (error) {
        ok = false;
        const reason = error instanceof Error && error.message.startsWith('status ') ? error.message : 'no answer';
        this.logger.warn(`audit anchor: POST to the anchor URL failed (${reason}); retrying at the next run`);
      }
    }
    return ok ? 'written' : 'failed';
  }

  /** The last verification as one organization's admin sees it. */
  async latest(organizationId: string): Promise<AuditChainStatus> {
    const [row] = await this.dataSource.getRepository(AuditVerification).find({ order: { verifiedAt: 'DESC', createdAt: 'DESC' }, take: 1 });
    if (!row) {
      return { verifiedAt: null, outcome: null, rowsChecked: null, keyFingerprint: null, expectedFingerprint: null, firstBreak: null, elsewhere: false, head: null, anchor: null };
    }
    const own = row.brokenChainId === organizationId;
    const head = row.heads.find((h) => h.chainId === organizationId);
    return {
      verifiedAt: row.verifiedAt.toISOString(),
      outcome: row.outcome,
      rowsChecked: row.rowsChecked,
      keyFingerprint: shortFingerprint(row.keyFingerprint),
      expectedFingerprint: row.expectedFingerprint ? shortFingerprint(row.expectedFingerprint) : null,
      firstBreak: own && row.brokenRowId && row.brokenSeq ? { seq: String(row.brokenSeq), id: row.brokenRowId, problem: row.problem } : null,
      elsewhere: row.outcome !== 'ok' && !own,
      head: head ? { seq: head.seq, hash: head.hash } : null,
      anchor: row.anchor,
    };
  }
}

export const AUDIT_VERIFY_JOB = 'audit.verify';

/**
 * Runs the verification daily (03:17 UTC) as a durable job: once per day across every API process
 * (kernel/jobs/jobs.ts). A failed run, or an anchor that could not be written, is retried with back-off;
 * one that keeps failing alerts the admins. Tests call `runOnce`, or `Jobs.runNow` + `drain`.
 */
@Injectable()
export class AuditVerificationJob implements OnModuleInit {
  private readonly logger = new Logger('AuditVerification');

  constructor(
    private readonly verification: AuditVerificationService,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: AUDIT_VERIFY_JOB,
      schedule: '17 3 * * *',
      retryLimit: 3,
      retryDelaySeconds: 300,
      expireInSeconds: 3600,
      handler: async () => {
        const { row } = await this.verification.run();
        // A broken chain is a finding, stored and shown on the audit page; an unwritten anchor is a failure to retry.
        if (row.anchor === 'failed') throw new JobError('AUDIT_ANCHOR_NOT_WRITTEN');
      },
    });
  }

  async runOnce(): Promise<ChainReport | null> {
    try {
      return (await this.verification.run()).report;
    } catch {
      this.logger.warn('audit verification failed to run');
      return null;
    }
  }
}
