import { describe, expect, it } from 'vitest';
import { changedFields } from './data-provider';

describe('an edit sends only what changed', () => {
  const previous = { id: '1', organizationId: 'o', version: 3, alias: 'Ana', languages: ['es'], risk: null, createdAt: 'x' };

  it('leaves out unchanged fields and the read-only ones (the version travels on its own)', () => {
    expect(changedFields({ ...previous, alias: 'Ana M.' }, previous)).toEqual({ alias: 'Ana M.' });
  });

  it('compares lists and objects by value', () => {
    expect(changedFields({ ...previous, languages: ['es'] }, previous)).toEqual({});
    expect(changedFields({ ...previous, languages: ['es', 'en'] }, previous)).toEqual({ languages: ['es', 'en'] });
  });

  it('sends a cleared value as null, and ignores fields the form did not hold', () => {
    expect(changedFields({ ...previous, alias: null, extra: undefined }, previous)).toEqual({ alias: null });
  });
});
