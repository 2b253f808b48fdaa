/**
 * The condition tree CASL gives for an (action, subject) is the OR of every matching rule's conditions,
 * each written out in full. Roles grant a record for several reasons that share most of their
 * conditions: a coordinator reads every case of the organization, and also (break-glass) a case of the
 * organization whose survivor she holds a live grant on; a partner reads a referral of the organization,
 * sent to her partner, in a live status, on one of three consent grounds. Translated as they come, the
 * shared conditions sit inside an OR, where PostgreSQL cannot use them to pick an index: the coordinator's
 * list and count read every case of every organization (docs/benchmarks.md, "OR of rules").
 *
 * `simplifyConditions` rewrites the tree into an equivalent one, using only laws that hold in SQL's
 * three-valued logic as in JavaScript's two-valued one (so the tree may still be negated, and the NULL
 * handling of rules-to-sql.ts applies unchanged):
 *
 * - flattening: `A AND (B AND C)` = `A AND B AND C`, likewise for OR;
 * - idempotence: `A AND A` = `A`, `A OR A` = `A`;
 * - absorption: `A OR (A AND B)` = `A` (the coordinator's break-glass ground disappears: her organization
 *   ground already covers it);
 * - distribution: `(A AND B) OR (A AND C)` = `A AND (B OR C)` (the partner's shared conditions come out
 *   of the OR).
 *
 * Two subqueries on one relation (`elemMatch(r, X) OR elemMatch(r, Y)`) are left apart, though one
 * subquery on `X OR Y` would mean the same: the partner's two live consent grounds (`expires_at > now`,
 * `expires_at IS NULL`) are each an index-only scan of `ix_consent_partner_live`, whereas one subquery on
 * their OR can only be a BitmapOr of the two, which reads the consent rows themselves (measured on 100,000
 * cases: a bitmap heap scan of 4,207 consent pages for the partner's count).
 *
 * Two conditions are "the same" when their operator, field and value are: the rules of a shape are built
 * from stand-in values (libs/permissions/src/ability-shape.ts), and equal stand-ins are equal real values,
 * so a rewrite made for the stand-in holds for every person of the shape. The property test
 * (rules-to-sql.int-spec.ts) checks SQL against `ability.can` on random rules and rows.
 */
export interface Condition {
  operator: string;
  value: unknown;
  field?: string;
}

const COMPOUND = new Set(['and', 'or', 'not']);

/** A key that is equal for equal conditions: operator, field and value, Dates by their instant. */
export function conditionKey(node: Condition): string {
  return JSON.stringify(keyOf(node));
}

function keyOf(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(keyOf);
  if (value === undefined) return { $undefined: true };
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = keyOf((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

const isCompound = (node: Condition, operator: 'and' | 'or'): node is Condition & { value: Condition[] } => node.operator === operator && Array.isArray(node.value);

/** The parts of an AND (a single condition is an AND of one). */
const conjuncts = (node: Condition): Condition[] => (isCompound(node, 'and') ? node.value : [node]);

const and = (parts: Condition[]): Condition => (parts.length === 1 ? parts[0]! : { operator: 'and', value: parts });
const or = (parts: Condition[]): Condition => (parts.length === 1 ? parts[0]! : { operator: 'or', value: parts });

/** Children flattened into their parent's operator, duplicates dropped (the first kept). */
function flatUnique(operator: 'and' | 'or', children: Condition[]): Condition[] {
  const out: Condition[] = [];
  const seen = new Set<string>();
  const add = (child: Condition) => {
    if (isCompound(child, operator)) return child.value.forEach(add);
    const key = conditionKey(child);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(child);
  };
  children.forEach(add);
  return out;
}

export function simplifyConditions(node: Condition): Condition {
  if (!COMPOUND.has(node.operator)) {
    if (node.operator === 'elemMatch' && node.value && typeof node.value === 'object') return { ...node, value: simplifyConditions(node.value as Condition) };
    return node;
  }
  const children = (node.value as Condition[]).map(simplifyConditions);
  if (node.operator === 'not') return { ...node, value: children };
  // An empty AND is TRUE and an empty OR FALSE: rules-to-sql.ts writes them so; nothing to rewrite.
  if (children.length === 0) return { ...node, value: children };
  if (node.operator === 'and') return and(flatUnique('and', children));
  return simplifyOr(flatUnique('or', children));
}

function simplifyOr(children: Condition[]): Condition {
  // Absorption: a branch whose conditions include all of another branch's adds nothing.
  const sets = children.map((child) => new Set(conjuncts(child).map(conditionKey)));
  const kept = children.filter((_, i) => !sets.some((other, j) => j !== i && isSubset(other, sets[i]!) && (other.size < sets[i]!.size || j < i)));
  if (kept.length === 1) return kept[0]!;

  // Distribution: the conditions every branch has come out in front.
  const keptSets = kept.map((child) => new Set(conjuncts(child).map(conditionKey)));
  const common = conjuncts(kept[0]!).filter((part) => keptSets.every((set) => set.has(conditionKey(part))));
  if (common.length > 0) {
    const commonKeys = new Set(common.map(conditionKey));
    const rests = kept.map((child) => and(conjuncts(child).filter((part) => !commonKeys.has(conditionKey(part)))));
    // No branch is left empty: absorption removed any branch that was only the common part.
    return and([...common, simplifyOr(flatUnique('or', rests))]);
  }

  return or(kept);
}

function isSubset(small: Set<string>, large: Set<string>): boolean {
  if (small.size > large.size) return false;
  for (const key of small) if (!large.has(key)) return false;
  return true;
}
