import { casesMostInNeed } from './attention-cases.js';

describe('casesMostInNeed', () => {
  const found = (entries: [string, string[]][]) => new Map(entries.map(([id, reasons]) => [id, new Set(reasons)]));

  it('names a case with more reasons even when it was found after the limit was reached', () => {
    const reviews: [string, string[]][] = Array.from({ length: 60 }, (_, i) => [`review-${i}`, ['plan review overdue']]);
    const reasons = found([...reviews, ['late', ['2 task(s) overdue', 'referral without answer for 48 h']]]);
    const named = casesMostInNeed(reasons, 50);
    expect(named).toHaveLength(50);
    expect(named[0]).toBe('late');
    expect(named.slice(1)).toEqual(reviews.slice(0, 49).map(([id]) => id));
  });

  it('keeps the order cases were found in among those with as many reasons', () => {
    const reasons = found([
      ['a', ['plan review overdue']],
      ['b', ['plan review overdue', '1 task(s) overdue']],
      ['c', ['1 task(s) overdue']],
      ['d', ['90 days assessment overdue', 'referral without answer for 48 h']],
    ]);
    expect(casesMostInNeed(reasons, 50)).toEqual(['b', 'd', 'a', 'c']);
    expect(casesMostInNeed(reasons, 3)).toEqual(['b', 'd', 'a']);
    expect(casesMostInNeed(new Map(), 50)).toEqual([]);
  });
});
