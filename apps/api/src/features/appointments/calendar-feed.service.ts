import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AppointmentKind, CalendarFeedResponse, Locale } from '@lantern/contracts';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { SecretThrottle, retryAfterSeconds } from '../../access/auth/secret-throttle.service.js';
import { User } from '../../access/auth/user.entity.js';
import { AbilityFactory } from '../../access/authz/ability.factory.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { Clock } from '../../kernel/config/clock.js';
import { randomToken, sha256Hex } from '../../kernel/crypto/hashing.js';
import { DomainError, notFound } from '../../kernel/http/domain-error.js';
import { requestContext } from '../../kernel/http/request-context.js';
import { CalendarFeed } from './appointment.entity.js';
import { renderCalendar } from './ical.js';

const DAY = 86_400_000;
/** The window a feed shows: the past 30 days and the next 12 months. */
const FEED_PAST_MS = 30 * DAY;
const FEED_AHEAD_MS = 366 * DAY;
const FEED_MAX_EVENTS = 2_000;
/** A token is 32 random bytes, base64url: 43 characters. */
const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;
export const FEED_PATH_PREFIX = '/api/v1/calendar/';

/** The kind, in the feed owner's language: the summary of an event is its case number and this, nothing else. */
const KIND_LABELS: Record<Locale, Record<AppointmentKind, string>> = {
  en: { meeting: 'Meeting', court: 'Court', medical: 'Medical', housing_viewing: 'Housing viewing', other: 'Appointment' },
  es: { meeting: 'Reunión', court: 'Tribunal', medical: 'Cita médica', housing_viewing: 'Visita de vivienda', other: 'Cita' },
};

/**
 * Each user's private iCalendar feed (issue 14). The URL holds a 256-bit secret; only its SHA-256 is
 * stored. The feed is read without a session, so it shows the least that makes a diary useful: the
 * case number, the kind and the time of the appointments the user attends and may read in Lantern
 * (scoped by the same rules as every read), never a name, alias, note or partner. Every fetch is
 * audited; fetches are rate-limited per address whether the token is known or not; an unknown and a
 * revoked token get the same 404.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly abilities: AbilityFactory,
    private readonly throttle: SecretThrottle,
  ) {}

  private live(userId: string): Promise<CalendarFeed | null> {
    return this.dataSource.manager.findOne(CalendarFeed, { where: { userId, revokedAt: IsNull() } });
  }

  async status(): Promise<CalendarFeedResponse> {
    const { actor } = currentActor();
    const feed = await this.live(actor.id);
    return { active: feed !== null, createdAt: feed?.createdAt.toISOString() ?? null, lastUsedAt: feed?.lastUsedAt?.toISOString() ?? null };
  }

  /** A new secret URL (the old one, if any, stops working in the same transaction). Shown once. */
  async create(): Promise<CalendarFeedResponse> {
    const { actor } = currentActor();
    const token = randomToken();
    const now = this.clock.now();
    const feed = await this.dataSource.transaction(async (manager) => {
      const revoked = await manager.update(CalendarFeed, { userId: actor.id, revokedAt: IsNull() }, { revokedAt: now });
      const saved = await manager.save(
        manager.create(CalendarFeed, { organizationId: actor.organizationId, userId: actor.id, tokenHash: sha256Hex(token), revokedAt: null, lastUsedAt: null, createdBy: actor.id }),
      );
      await this.audit.record(manager, {
        action: 'create',
        subjectType: 'CalendarFeed',
        subjectId: saved.id,
        reason: (revoked.affected ?? 0) > 0 ? 'regenerated: the previous feed URL was revoked' : null,
      });
      return saved;
    });
    return { active: true, createdAt: feed.createdAt.toISOString(), lastUsedAt: null, path: `${FEED_PATH_PREFIX}${token}.ics` };
  }

  async revoke(): Promise<CalendarFeedResponse> {
    const { actor } = currentActor();
    const feed = await this.live(actor.id);
    if (feed) {
      await this.dataSource.transaction(async (manager) => {
        await manager.update(CalendarFeed, { id: feed.id }, { revokedAt: this.clock.now() });
        await this.audit.record(manager, { action: 'delete', subjectType: 'CalendarFeed', subjectId: feed.id, reason: 'revoked' });
      });
    }
    return { active: false, createdAt: null, lastUsedAt: null };
  }

  /** GET /calendar/<token>.ics: the feed's text, or 404 for any token that is not live. */
  async render(file: string): Promise<string> {
    const context = requestContext.get();
    await this.throttle.hit('calendar-feed:address', context?.ip ?? 'unknown', (wait) => {
      const seconds = retryAfterSeconds(wait);
      return new DomainError('TOO_MANY_REQUESTS', undefined, undefined, { 'Retry-After': String(seconds) });
    });
    const match = FEED_FILE.exec(file);
    if (!match || !context) throw notFound('Calendar');
    const feed = await this.dataSource.manager.findOne(CalendarFeed, { where: { tokenHash: sha256Hex(match[1]!), revokedAt: IsNull() } });
    const user = feed ? await this.dataSource.manager.findOne(User, { where: { id: feed.userId, active: true } }) : null;
    if (!feed || !user) throw notFound('Calendar');

    // The feed reads as its owner: their rules scope it, and the audit names them.
    const actor = { id: user.id, role: user.role, organizationId: user.organizationId, partnerOrgId: user.partnerOrgId, sessionId: `calendar-feed:${feed.id}`, stepUpAt: null };
    context.actor = actor;
    context.ability = this.abilities.build(actor);

    const now = this.clock.now();
    const qb = this.access
      .scoped<{ id: string }>('Appointment')
      .innerJoin('appointment_attendee', 'aa', 'aa.appointment_id = r.id AND aa.user_id = :owner', { owner: user.id })
      .innerJoin('survivor_case', 'sc', 'sc.id = r.case_id')
      .andWhere("r.status = 'scheduled'")
      .andWhere('r.starts_at >= :from AND r.starts_at < :to', { from: new Date(now.getTime() - FEED_PAST_MS), to: new Date(now.getTime() + FEED_AHEAD_MS) })
      .select(['r.id AS id', 'r.starts_at AS starts_at', 'r.ends_at AS ends_at', 'r.kind AS kind', 'r.version AS version', 'r.updated_at AS updated_at', 'sc.case_number AS case_number'])
      .orderBy('r.starts_at', 'ASC')
      .limit(FEED_MAX_EVENTS);
    const rows = (await qb.getRawMany()) as { id: string; starts_at: Date; ends_at: Date; kind: AppointmentKind; version: number; updated_at: Date; case_number: string }[];

    // The fetch discloses case numbers and times: one audit row naming every appointment shown, in the
    // transaction that notes the feed's last use. Not counted against the read budget (a busy diary
    // polled every 15 minutes would use it up and lock its owner out of the file); the audit is complete.
    await this.dataSource.transaction(async (manager) => {
      await manager.update(CalendarFeed, { id: feed.id }, { lastUsedAt: now });
      await this.audit.record(manager, {
        action: 'list',
        subjectType: 'Appointment',
        subjectIds: rows.map((r) => r.id),
        fields: ['caseNumber', 'kind', 'startsAt', 'endsAt'],
        reason: 'calendar feed',
      });
    });
    const labels = KIND_LABELS[user.locale] ?? KIND_LABELS.en;
    return renderCalendar({
      name: 'Lantern',
      stamp: now,
      events: rows.map((r) => ({
        uid: r.id,
        start: new Date(r.starts_at),
        end: new Date(r.ends_at),
        summary: `${r.case_number} – ${labels[r.kind]}`,
        sequence: Number(r.version) - 1,
        lastModified: new Date(r.updated_at),
      })),
    });
  }
}
