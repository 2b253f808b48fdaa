import { originOf, relationOf, type AppAbility, type SubjectType } from '@lantern/permissions';
import { type EntityManager, In } from 'typeorm';
import { entityOf } from './subject-entities.js';
import type { Plain } from '../../kernel/http/serialize.js';

/** Which relations (and which of their fields) the rules of a subject look at. */
interface Need {
  fields: Set<string>;
  relations: Map<string, Need>;
}

const emptyNeed = (): Need => ({ fields: new Set(), relations: new Map() });

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && Object.keys(value).some((k) => k.startsWith('$'));
}

/** Adds what one rule's conditions read (`case.assignedCaseworkerId`, `grants` with `$elemMatch`, ...) to `need`. */
function collect(conditions: Plain, need: Need): void {
  for (const [key, value] of Object.entries(conditions)) {
    if (key.startsWith('$')) {
      // $and / $or / $nor lists of conditions on the same record.
      if (Array.isArray(value)) for (const part of value) collect(part as Plain, need);
      continue;
    }
    const path = key.split('.');
    const operators = isOperatorObject(value) ? value : null;
    const relationPath = operators && ('$elemMatch' in operators || '$size' in operators) ? path : path.slice(0, -1);
    let node = need;
    for (const name of relationPath) {
      let next = node.relations.get(name);
      if (!next) node.relations.set(name, (next = emptyNeed()));
      node = next;
    }
    if (relationPath.length === path.length) {
      if (operators && '$elemMatch' in operators) collect(operators.$elemMatch as Plain, node);
    } else {
      // A column of the record at the end of the path (the root's own columns are already loaded).
      node.fields.add(path[path.length - 1]!);
    }
  }
}

/**
 * What the rules read depends on their structure only, never on the person's ids or the instant, so it
 * is computed once per shape of rules and subject (libs/permissions/src/ability-shape.ts); an ability
 * without a shape (an import's) is looked at afresh. Callers only read the result.
 */
const needsByShape = new Map<string, Need>();

/** The relations any rule about `subject` follows; empty for rules on the record's own columns. */
export function relationNeeds(ability: AppAbility, subject: SubjectType): Need {
  const origin = originOf(ability);
  if (!origin) return collectNeeds(ability, subject);
  const key = `${origin.shape}|${subject}`;
  let need = needsByShape.get(key);
  if (!need) needsByShape.set(key, (need = collectNeeds(ability, subject)));
  return need;
}

function collectNeeds(ability: AppAbility, subject: SubjectType): Need {
  const need = emptyNeed();
  for (const rule of ability.rules) {
    const subjects = Array.isArray(rule.subject) ? rule.subject : [rule.subject];
    if (!subjects.includes(subject) || !rule.conditions) continue;
    collect(rule.conditions as Plain, need);
  }
  return need;
}

/**
 * Loads onto each record the related records its rules look at (a note's case, a survivor's cases and
 * break-glass grants), so `ability.can` in JavaScript decides on a record exactly as the SQL scope does.
 * One query per relation and level, whatever the number of records. Returns copies; the related
 * records are only ever used for permission checks, never serialized.
 */
export async function withRelations(manager: EntityManager, subject: SubjectType, records: Plain[], need: Need): Promise<Plain[]> {
  const out = records.map((record) => ({ ...record }));
  for (const [name, child] of need.relations) {
    const spec = relationOf(subject, name);
    if (!spec) throw new Error(`Unknown relation ${name} of ${subject}`);
    const keys = [...new Set(out.map((r) => r[spec.localKey]).filter((k): k is string => typeof k === 'string'))];
    let related: Plain[] = [];
    if (keys.length > 0) {
      const select = new Set<string>(['id', spec.foreignKey, ...child.fields]);
      for (const [grandchild] of child.relations) {
        const inner = relationOf(spec.subject, grandchild);
        if (inner) select.add(inner.localKey);
      }
      const rows = (await manager.getRepository(entityOf(spec.subject)).find({
        select: Object.fromEntries([...select].map((f) => [f, true])),
        where: { [spec.foreignKey]: In(keys) },
      })) as Plain[];
      related = await withRelations(manager, spec.subject, rows, child);
    }
    const byKey = new Map<unknown, Plain[]>();
    for (const row of related) {
      const key = row[spec.foreignKey];
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    for (const record of out) {
      const matches = byKey.get(record[spec.localKey]) ?? [];
      record[name] = spec.many ? matches : (matches[0] ?? null);
    }
  }
  return out;
}
