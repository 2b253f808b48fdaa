import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { PartnerOrg } from './partner-org.entity.js';

const YEAR = 365 * 24 * 3_600_000;

/** What coordinators and caseworkers need to choose a partner: services, room, languages, track record. */
@Injectable()
export class PartnerDirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
  ) {}

  /** Share of answered referrals accepted over the last 12 months (null when none were answered). */
  async acceptanceRates(partnerOrgIds: string[]): Promise<Map<string, number | null>> {
    if (partnerOrgIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT partner_org_id,
              count(*) FILTER (WHERE status IN ('accepted', 'in_progress', 'completed')) AS accepted,
              count(*) FILTER (WHERE status = 'declined') AS declined
         FROM referral WHERE partner_org_id = ANY($1) AND responded_at >= $2 GROUP BY partner_org_id`,
      [partnerOrgIds, new Date(this.clock.now().getTime() - YEAR)],
    )) as { partner_org_id: string; accepted: string; declined: string }[];
    return new Map(
      rows.map((r) => {
        const answered = Number(r.accepted) + Number(r.declined);
        return [r.partner_org_id, answered === 0 ? null : Math.round((Number(r.accepted) / answered) * 100) / 100];
      }),
    );
  }

  async list(): Promise<Record<string, unknown>[]> {
    const { actor } = currentActor();
    const partners = await this.access.scoped<PartnerOrg>('PartnerOrg').andWhere('r.active').orderBy('r.name').getMany();
    const rates = await this.acceptanceRates(partners.map((p) => p.id));
    const open = (await this.dataSource.query(
      `SELECT partner_org_id, count(*)::int AS n FROM referral
        WHERE organization_id = $1 AND status IN ('sent', 'accepted', 'in_progress') GROUP BY partner_org_id`,
      [actor.organizationId],
    )) as { partner_org_id: string; n: number }[];
    const openBy = new Map(open.map((o) => [o.partner_org_id, o.n]));
    return partners.map((p) => ({
      id: p.id,
      name: p.name,
      serviceTypes: p.serviceTypes,
      serviceArea: p.serviceArea,
      capacity: p.capacity,
      acceptingReferrals: p.acceptingReferrals,
      languages: p.languages,
      openReferrals: openBy.get(p.id) ?? 0,
      acceptanceRate: rates.get(p.id) ?? null,
    }));
  }
}
