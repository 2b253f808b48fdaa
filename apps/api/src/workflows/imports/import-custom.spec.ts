import type { CustomField } from '../../features/custom-fields/index.js';
import { readCustomCells, type ImportCustomDefinitions } from './import-custom.js';

const field = (key: string, type: CustomField['type'], required: boolean, retiredAt: Date | null = null) =>
  ({ id: `id-${key}`, key, type, label: { en: key }, help: null, options: [{ id: 'o1', label: { en: 'Shelter' }, retired: false }], required, applyTo: null, pii: false, min: null, max: null, retiredAt }) as unknown as CustomField;

const definitions: ImportCustomDefinitions = {
  survivor: [field('needs', 'multipleChoice', true), field('language', 'shortText', true), field('oldCode', 'shortText', true, new Date('2026-01-01T00:00:00Z')), field('note', 'shortText', false)],
  case: [],
};
const read = (cells: Record<string, string>) => readCustomCells(2, cells, definitions, 'YYYY-MM-DD');

describe("readCustomCells: the dry run's required fields, by the rule the write applies (missesRequired)", () => {
  it('passes a row that gives every required field not retired', () => {
    const { values, problems } = read({ 'custom.survivor.needs': 'Shelter', 'custom.survivor.language': 'Tigrinya' });
    expect(problems).toEqual([]);
    expect(values.survivor).toEqual({ needs: ['o1'], language: 'Tigrinya' });
  });

  it('reports each required field left empty, never a retired one or one not required', () => {
    const { problems } = read({});
    expect(problems.map((p) => [p.field, p.problem])).toEqual([
      ['custom.survivor.needs', 'required'],
      ['custom.survivor.language', 'required'],
    ]);
  });

  it('counts a multiple-choice cell of separators only (an empty list) as no value, as the write does', () => {
    const { problems } = read({ 'custom.survivor.needs': ' ; | ', 'custom.survivor.language': 'Tigrinya' });
    expect(problems).toEqual([{ row: 2, field: 'custom.survivor.needs', label: { en: 'needs' }, problem: 'required', reason: 'is required' }]);
  });

  it('reports an invalid required cell once, as invalid, not again as missing', () => {
    const { problems } = read({ 'custom.survivor.needs': 'Unknown', 'custom.survivor.language': 'Tigrinya' });
    expect(problems.map((p) => [p.field, p.problem])).toEqual([['custom.survivor.needs', 'invalid']]);
  });
});
