import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { sentenceKey } from './history-labels';

const at = (catalogue: unknown, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);

describe("a case history's merge entries (issue 17)", () => {
  it('tells a merge and its undo as sentences, in English and Spanish', () => {
    const merged = sentenceKey({ action: 'create', subjectType: 'SurvivorMerge', outcome: 'success' });
    const undone = sentenceKey({ action: 'transition', subjectType: 'SurvivorMerge', outcome: 'success' });
    expect([merged, undone]).toEqual(['lantern.history.merged', 'lantern.history.mergeUndone']);
    expect(at(en, merged!)).toBe('merged two records of this survivor');
    expect(at(es, merged!)).toBe('fusionó dos registros de esta persona sobreviviente');
    expect(at(en, undone!)).toBe('undid the merge of two records of this survivor');
    expect(at(es, undone!)).toBe('deshizo la fusión de dos registros de esta persona sobreviviente');
  });

  it('leaves every other entry to the usual "action · record" line', () => {
    expect(sentenceKey({ action: 'create', subjectType: 'Survivor', outcome: 'success' })).toBeNull();
    expect(sentenceKey({ action: 'read', subjectType: 'SurvivorMerge', outcome: 'success' })).toBeNull();
    expect(sentenceKey({ action: 'create', subjectType: 'SurvivorMerge', outcome: 'denied' })).toBeNull();
  });
});
