import { GENDER_GROUP_NAMED_AFTER, GENDER_GROUP_OF, GENDER_GROUPS, GENDERS, METRIC_DIMENSIONS, type MetricCellResponse, type MetricTableResponse } from '@lantern/contracts';
import { describe, expect, it } from 'vitest';
import { vocabLabel } from '../i18n/vocabulary';
import { chartGroups } from './MetricTableView';
import { tableWords, valueLabel } from './metrics-labels';

const cell = (dim1: string, dim2: string | null, value: number | null, flag: MetricCellResponse['flag'] = 'rounded'): MetricCellResponse => ({
  dim1,
  dim2,
  value,
  display: value === null ? (flag === 'suppressed_primary' ? '<11' : 'suppressed') : String(value),
  flag,
});

describe('the metrics chart draws published values (issue 13)', () => {
  it('in a cross-table whose row totals are hidden, draws the published cells, and the hidden ones as hidden', () => {
    // The shape the issue saw: complementary suppression hid the totals by service category to keep the cells.
    const table: MetricTableResponse = {
      id: 'referrals_by_service_category_and_outcome',
      title: 'Referrals, by service category and outcome',
      unit: 'referrals',
      dimensions: ['service_category', 'referral_outcome'],
      coverage: 0.9,
      collapsed: [],
      cells: [
        cell('shelter_housing', 'completed', 135),
        cell('shelter_housing', 'declined', null, 'suppressed_primary'),
        cell('shelter_housing', '*', null, 'suppressed_complementary'),
        cell('justice_assistance', 'completed', 125),
        cell('justice_assistance', 'declined', null, 'suppressed_complementary'),
        cell('justice_assistance', '*', null, 'suppressed_complementary'),
        cell('*', 'completed', 260),
        cell('*', 'declined', 15),
        cell('*', '*', 275),
      ],
    };
    const groups = chartGroups(table);
    expect(groups.map((group) => group.key)).toEqual(['shelter_housing', 'justice_assistance']);
    expect(groups[0].label).toBe('Shelter and housing');
    const drawn = groups.flatMap((group) => group.bars.map((bar) => [bar.key, bar.cell?.value ?? null]));
    expect(drawn).toEqual([
      ['shelter_housing|completed', 135],
      ['shelter_housing|declined', null],
      ['justice_assistance|completed', 125],
      ['justice_assistance|declined', null],
    ]);
    expect(groups[0].bars[1].cell?.display).toBe('<11');
  });

  it('in a one-dimension table, draws one bar per value', () => {
    const table: MetricTableResponse = {
      id: 'cases_opened_by_gender',
      title: 'Cases opened, by gender',
      unit: 'survivors',
      dimensions: ['gender'],
      coverage: 1,
      collapsed: [],
      cells: [cell('woman', null, 80), cell('man', null, 15), cell('gender_diverse_or_unknown', null, null, 'suppressed_primary'), cell('*', '*', 100)],
    };
    const [group] = chartGroups(table);
    expect(group.label).toBeNull();
    expect(group.bars.map((bar) => bar.label)).toEqual(['Woman', 'Man', 'Non-binary, gender diverse, or not specified or unknown']);
  });
});

describe('one gender vocabulary (issue 13)', () => {
  it('groups every recorded gender into a published group, named with the words of the intake', () => {
    expect([...METRIC_DIMENSIONS.gender.values]).toEqual([...GENDER_GROUPS]);
    for (const gender of GENDERS) expect(GENDER_GROUPS).toContain(GENDER_GROUP_OF[gender]);
    for (const group of GENDER_GROUPS) {
      expect(GENDER_GROUP_OF[GENDER_GROUP_NAMED_AFTER[group]]).toBe(group);
      expect(valueLabel(group, 'gender')).toBe(vocabLabel('gender', GENDER_GROUP_NAMED_AFTER[group]));
    }
    expect(vocabLabel('gender', 'Feminine')).toBe('Woman');
    expect(valueLabel('woman', 'gender')).toBe('Woman');
    expect(valueLabel('man', 'gender')).toBe('Man');
  });
});

describe("a table fed by the organization's own field (issue 18)", () => {
  it('is titled and its bars labelled with the labels the admin wrote', () => {
    const table: MetricTableResponse = {
      id: 'custom_00000000-0000-4000-8000-000000000001',
      title: 'Works on a farm',
      unit: 'survivors',
      dimensions: ['custom.farm'],
      coverage: 1,
      collapsed: [],
      cells: [cell('yes', null, 20), cell('no_or_unknown', null, 35), cell('*', null, 55)],
      custom: {
        key: 'farm',
        entity: 'case',
        label: { en: 'Works on a farm', es: 'Trabaja en una granja' },
        option: null,
        values: { yes: { en: 'Yes', es: 'Sí' }, no_or_unknown: { en: 'No or not answered', es: 'No o sin respuesta' } },
      },
    };
    expect(tableWords(table).title).toBe('Works on a farm');
    expect(chartGroups(table)[0]!.bars.map((bar) => bar.label)).toEqual(['Yes', 'No or not answered']);
    // A catalogue table keeps its own words.
    expect(tableWords({ title: 'Cases opened, by age' }).title).toBe('Cases opened, by age');
  });
});
