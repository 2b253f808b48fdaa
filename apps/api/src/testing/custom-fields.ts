import { api } from './fixtures.js';
import type { Agent } from './builders.js';

/** A custom field as the API answers its creation, as far as the specs use it. */
export type DefinedField = { id: string; version: number; key: string; options: { id: string; label: { en: string }; retired: boolean }[] };

/**
 * Adds a custom field through the API as `agent` (an admin): by default a yes/no case field caseworkers
 * and coordinators read and caseworkers write; `body` overrides any of it.
 */
export async function defineField(agent: Agent, key: string, body: Record<string, unknown>): Promise<DefinedField> {
  const created = await agent
    .post(api('/custom-fields'))
    .send({ entity: 'case', key, type: 'yesNo', label: { en: key }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], ...body })
    .expect(201);
  return created.body as DefinedField;
}
