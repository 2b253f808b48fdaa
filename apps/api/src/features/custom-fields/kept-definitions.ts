import type { CustomFieldEntity } from '@lantern/contracts';
import type { CustomField } from './custom-field.entity.js';

/** Organizations × entities kept at most; past it the entry used least recently is dropped. */
export const MAX_KEPT_DEFINITIONS = 1000;

interface Kept {
  stamp: string;
  fields: CustomField[];
}

/**
 * An organization's custom field definitions of one entity, kept in this process between requests
 * (issue 9: the case and referral lists read them on every request). Correctness first:
 *
 * - Every entry carries the organization's definitions stamp (`organization.definitions_stamp`), which a
 *   trigger bumps in the same transaction as any change to a definition, made by this process, another
 *   API process on the same database, or by hand in SQL (migration OrganizationDefinitionsStamp).
 * - The session statement of every signed-in request reads the stamp of the caller's organization
 *   (`access/auth/session.service.ts`), so a request knows the stamp as of its own start without another
 *   round trip. An entry is used only when its stamp equals the request's; anything else reads the
 *   definitions again. A request without a stamp (a job, a service-level test) always reads them.
 * - An entry is labelled with the stamp of the request that read it, and was read after that request's
 *   session statement: it is never older than its label says (at worst newer, which costs one more read
 *   when a later request brings the newer stamp).
 * - The kept definitions are frozen: nothing that receives them can change what the next request sees.
 *
 * LISTEN/NOTIFY was not chosen: a notification missed while a connection is being replaced (or never
 * sent by SQL typed by hand) would leave a narrowed read role unenforced until the next change; the stamp
 * costs a primary-key join in a statement the request runs anyway, and cannot be missed.
 */
export class KeptDefinitions {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly read: (organizationId: string, entity: CustomFieldEntity) => Promise<CustomField[]>) {}

  async of(organizationId: string, entity: CustomFieldEntity, stamp: string | undefined): Promise<CustomField[]> {
    if (stamp === undefined) return this.read(organizationId, entity);
    const key = `${organizationId}|${entity}`;
    const hit = this.kept.get(key);
    if (hit && hit.stamp === stamp) {
      // Most recently used last: the first key is the one to drop.
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit.fields;
    }
    const fields = freezeAll(await this.read(organizationId, entity));
    this.kept.delete(key);
    if (this.kept.size >= MAX_KEPT_DEFINITIONS) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, { stamp, fields });
    return fields;
  }

  /** How many entries are kept (tests). */
  get size(): number {
    return this.kept.size;
  }
}

function freezeAll(fields: CustomField[]): CustomField[] {
  for (const field of fields) {
    for (const part of [field.label, field.help, field.readRoles, field.writeRoles]) if (part) Object.freeze(part);
    for (const option of field.options) {
      Object.freeze(option.label);
      Object.freeze(option);
    }
    Object.freeze(field.options);
    Object.freeze(field);
  }
  return Object.freeze(fields) as CustomField[];
}
