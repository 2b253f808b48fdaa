import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '@lantern/contracts';
import type { AppAbility } from '@lantern/permissions';

/** The signed-in person, as every layer below the guards sees them. */
export interface Actor {
  id: string;
  role: Role;
  organizationId: string;
  partnerOrgId: string | null;
  sessionId: string;
  stepUpAt: Date | null;
  /**
   * The organization's definitions stamp read by this request's session statement: what was kept in memory
   * under another stamp is read again (features/custom-fields/kept-definitions.ts). Absent outside a
   * signed-in request (a job, a service-level test): nothing kept is used then.
   */
  definitionsStamp?: string;
}

export interface RequestContext {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  actor?: Actor;
  ability?: AppAbility;
  /** The HTTP method (the validation pipe sets read-only echoes aside on PUT only). */
  method?: string;
  /** Read-only fields a PUT echoed back, for the record-access layer to compare (kernel/http/record-as-fetched.ts). */
  echoes?: { subject: string; values: Record<string, unknown> };
  /** When the request must have its answer (epoch ms; kernel/http/deadline.ts). */
  deadline?: number;
  /**
   * The client asked for capped counts (`Prefer: count=capped`, RFC 7240): a list of more than COUNT_CAP
   * rows answers `Content-Range: <resource> 0-24/*` instead of counting every row (kernel/http/list-query.ts).
   */
  readonly prefersCappedCount?: boolean;
}

/** Whether a `Prefer` header (RFC 7240: comma-separated preferences, `name=value`, the value maybe quoted) holds `count=capped`. */
export function prefersCappedCount(header: string | string[] | undefined): boolean {
  if (!header) return false;
  for (const line of [header].flat()) {
    for (const preference of line.split(',')) {
      const [name, value] = preference.split(';')[0]!.split('=').map((part) => part.trim());
      if (name?.toLowerCase() === 'count' && value?.replace(/^"(.*)"$/, '$1').toLowerCase() === 'capped') return true;
    }
  }
  return false;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
  /**
   * Runs `fn`, and everything it starts, outside any request: for shared work that outlives the request
   * that happened to start it (the audit's group commit), which must not inherit that request's
   * deadline or actor.
   */
  outside<T>(fn: () => T): T {
    return storage.exit(fn);
  },
};
