import { CONSENT_SHARED_ITEMS, DOCUMENT_KINDS, documentShareItem } from '@lantern/contracts';
import { describe, expect, it } from 'vitest';
import { formatSize, kindLabel, sharedItemLabel } from './document-labels';

describe('document words (issue 15)', () => {
  it('names each kind, and what a consent shares: survivor fields and kinds of documents', () => {
    for (const kind of DOCUMENT_KINDS) expect(kindLabel(kind)).not.toBe(kind);
    expect(sharedItemLabel(documentShareItem('housing'))).toBe('Housing documents');
    expect(sharedItemLabel('alias')).toBe('Alias');
    // Every item the consents API accepts has words, none shows as its code.
    for (const item of CONSENT_SHARED_ITEMS) expect(sharedItemLabel(item)).not.toBe(item);
  });

  it('writes sizes in kB and MB', () => {
    expect(formatSize(300)).toBe('1 kB');
    expect(formatSize(320 * 1024)).toBe('320 kB');
    expect(formatSize(4.2 * 1024 * 1024)).toBe('4.2 MB');
  });
});
