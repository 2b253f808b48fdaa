import { Ajv } from 'ajv';
import request from 'supertest';
import { RESPONSE_SCHEMAS } from './response-schemas.generated.js';
import { withTestApp } from '../../testing/builders.js';

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

/**
 * Issue 10: every operation of the OpenAPI document says what it answers, with a schema generated from
 * libs/contracts (tools/contract-schemas.mjs), and every schema is whole (its references resolve).
 */
describe('the OpenAPI document', () => {
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

  const t = withTestApp({ config: { env: 'development', apiDocs: true } });
  beforeAll(async () => {
    doc = (await request(t.http).get('/api/openapi.json').expect(200)).body;
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));

  it('gives every operation a success answer with a schema (or an explicit 204)', () => {
    const missing: string[] = [];
    for (const { route, op } of operations()) {
      const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      const described = success.some(([status, response]) => status === '204' || Object.values(response.content ?? {}).some((c) => c.schema !== undefined));
      if (!described) missing.push(route);
    }
    expect(missing).toEqual([]);
    expect(operations().length).toBeGreaterThan(80);
  });

  it('resolves every reference to a schema of libs/contracts', () => {
    const refs = new Set<string>();
    JSON.stringify(doc, (key, value: unknown) => {
      if (key === '$ref' && typeof value === 'string') refs.add(value);
      return value;
    });
    const unresolved = [...refs].filter((ref) => !(ref.replace('#/components/schemas/', '') in doc.components.schemas));
    expect(unresolved).toEqual([]);
    // The generated schemas are valid JSON Schema.
    const ajv = new Ajv({ strict: false });
    for (const [name, schema] of Object.entries(RESPONSE_SCHEMAS)) ajv.addSchema(schema, `#/components/schemas/${name}`);
    expect(() => ajv.compile({ $ref: '#/components/schemas/CaseResponse' })).not.toThrow();
  });
});
