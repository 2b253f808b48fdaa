import type { AppAbility, SubjectType } from '@lantern/permissions';
import { badRequest } from '../../kernel/http/domain-error.js';
import type { FilterSpec, ListQuery, ListSpec } from '../../kernel/http/list-query.js';

/**
 * A filter or sort on a field this person may not read on every record of the list would let
 * them learn it by counting (an admin counting cases by risk level). Fields readable only on some
 * records (through break-glass) do not count: only fields every read rule grants.
 */
export function assertListFieldsReadable(ability: AppAbility, subject: SubjectType, spec: ListSpec, query: ListQuery): void {
  const rules = ability.rulesFor('read', subject).filter((r) => !r.inverted);
  const everywhere = (field: string) => rules.length > 0 && rules.every((r) => !r.fields || (Array.isArray(r.fields) ? r.fields : [r.fields]).includes(field));
  for (const filter of query.filters) {
    for (const field of filterFields(filter.name, filter.spec)) {
      if (!everywhere(field)) throw badRequest(`filter.${filter.name}`, 'is not a field you may read');
    }
  }
  // The id orders without telling anything about a record.
  // A sort expression (a custom field) was checked against the field's read roles by whoever added it.
  if (query.sortExpression) return;
  if (query.sort[0] !== spec.defaultSort[0] && query.sort[0] !== 'id' && !everywhere(query.sort[0])) throw badRequest('sort', `cannot sort by ${query.sort[0]}`);
}

/** The entity properties a list filter reads. */
function filterFields(name: string, spec: FilterSpec): string[] {
  switch (spec.kind) {
    case 'eq':
    case 'arrayContains':
      return [spec.property ?? name];
    case 'search':
      return spec.properties;
    case 'range':
    case 'isNull':
    case 'oneOf':
      return [spec.property];
    case 'custom':
      return spec.fields ?? [];
  }
}
