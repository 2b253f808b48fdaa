import { REPORT_FORMATS, REPORT_MAX_YEARS, type ReportFormat } from '@lantern/contracts';
import { DomainError, type FieldErrors } from '../../kernel/http/domain-error.js';

/** A report's period: whole days, both included, in UTC. */
export interface ReportPeriod {
  /** `YYYY-MM-DD`, the first day. */
  from: string;
  /** `YYYY-MM-DD`, the last day (included). */
  to: string;
  /** The first instant of `from`. */
  start: Date;
  /** The first instant after `to`. */
  endExclusive: Date;
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day as a UTC instant, or null when it is not a real calendar day (2026-02-30, 2026-13-01). */
function dayOf(value: string): Date | null {
  const match = ISO_DAY.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls an impossible day over into the next month: a round trip catches it.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900) return null;
  return date;
}

/**
 * The period of `from` and `to` as the query gave them, or a 400 naming each field that is wrong:
 * missing, not a calendar day, an end before its start, or a span over REPORT_MAX_YEARS years (the end
 * must fall before the same day REPORT_MAX_YEARS years after the start).
 */
export function parseReportPeriod(from: unknown, to: unknown): ReportPeriod {
  const errors: FieldErrors = {};
  const read = (field: 'from' | 'to', value: unknown): Date | null => {
    if (value === undefined || value === null || value === '') {
      errors[field] = ['is required: a day like 2026-01-01'];
      return null;
    }
    const day = typeof value === 'string' ? dayOf(value) : null;
    if (!day) errors[field] = ['is not a valid date: give a day like 2026-01-01'];
    return day;
  };
  const start = read('from', from);
  const last = read('to', to);
  if (start && last) {
    if (last < start) errors.to = ['is before from: the period must end on or after the day it starts'];
    else {
      const limit = new Date(Date.UTC(start.getUTCFullYear() + REPORT_MAX_YEARS, start.getUTCMonth(), start.getUTCDate()));
      if (last >= limit) errors.to = [`is more than ${REPORT_MAX_YEARS} years after from: choose a period of at most ${REPORT_MAX_YEARS} years`];
    }
  }
  const fields = Object.keys(errors);
  if (fields.length > 0 || !start || !last) {
    const detail = fields.map((field) => `${field} ${errors[field]![0]}`).join('; ');
    throw new DomainError('VALIDATION_FAILED', `Invalid input: ${detail}`, errors);
  }
  return { from: from as string, to: to as string, start, endExclusive: new Date(last.getTime() + DAY_MS) };
}

/** The download's format, or a 400 naming `format`. */
export function parseReportFormat(format: unknown): ReportFormat {
  if (typeof format === 'string' && (REPORT_FORMATS as readonly string[]).includes(format)) return format as ReportFormat;
  throw new DomainError('VALIDATION_FAILED', `Invalid input: format must be one of ${REPORT_FORMATS.join(', ')}`, {
    format: [`must be one of ${REPORT_FORMATS.join(', ')}`],
  });
}
