import type { CustomFieldEntity, ReadableCustomFieldResponse } from '@lantern/contracts';
import { currentActor } from '../../access/authz/current-actor.js';
import { forbidden } from '../../kernel/http/domain-error.js';
import { refusal, sortable } from './custom-list.js';
import { SUBJECT_OF, type CustomFieldsService } from './custom-fields.service.js';

/**
 * The fields of one form the signed-in staff member may read (docs/custom-fields.md, "In lists"): the
 * caller must read that kind of record at all (`read` of its subject), and partner staff are refused,
 * as they never filter a list by a custom field nor see one in its rows. Of the definitions, only what
 * showing a value and offering it as a column, filter or sort needs; `filterable` and `sortable` are
 * the list's own rule (custom-list.ts), so the web offers exactly the filters the API takes.
 */
export async function readableFields(entity: CustomFieldEntity, definitions: CustomFieldsService): Promise<ReadableCustomFieldResponse[]> {
  const { actor, ability } = currentActor();
  if (actor.role === 'partner') throw forbidden('Partner staff see custom values on the referral sent to them only');
  if (!ability.can('read', SUBJECT_OF[entity])) throw forbidden('You may not read these records');
  return (await definitions.readFieldsOf(entity))
    .filter((f) => !f.retiredAt && f.readRoles.includes(actor.role as never))
    .map((f) => ({
      id: f.id,
      key: f.key,
      type: f.type,
      label: f.label,
      help: f.help,
      options: f.options.map((o) => ({ id: o.id, label: o.label, retired: o.retired })),
      pii: f.pii,
      min: f.min,
      max: f.max,
      filterable: refusal(f, actor.role) === null,
      sortable: sortable(f, actor.role),
    }));
}
