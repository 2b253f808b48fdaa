import { DOCUMENT_KINDS, DOCUMENT_SCAN_STATUSES, isDocumentShareItem, type DocumentKind } from '@lantern/contracts';
import { SURVIVOR_FIELD_LABELS } from '../common/labels';
import { translate } from '../i18n/translate';
import { vocabChoices, vocabLabel, vocabLabels } from '../i18n/vocabulary';

export const DOCUMENT_KIND_LABELS = vocabLabels('documentKind', DOCUMENT_KINDS);
export const DOCUMENT_KIND_CHOICES = vocabChoices('documentKind', DOCUMENT_KINDS);
export const DOCUMENT_SCAN_LABELS = vocabLabels('documentScanStatus', DOCUMENT_SCAN_STATUSES);

/** What a consent shares, in words: a survivor field ("Alias"), or a kind of document ("Housing documents"). */
export function sharedItemLabel(item: string): string {
  if (isDocumentShareItem(item)) {
    const kind = item.slice('documents:'.length);
    return translate(`lantern.documents.share.${kind}`, { _: vocabLabel('documentKind', kind) });
  }
  return SURVIVOR_FIELD_LABELS[item] ?? item;
}

/** The labels of a consent's shared items, for ValueChips. */
export function sharedItemLabels(items: readonly string[]): Record<string, string> {
  return Object.fromEntries(items.map((item) => [item, sharedItemLabel(item)]));
}

/** A size in words: "320 kB", "4.2 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return translate('lantern.documents.sizeKb', { size: Math.max(1, Math.round(bytes / 1024)) });
  return translate('lantern.documents.sizeMb', { size: (bytes / (1024 * 1024)).toFixed(1) });
}

export const kindLabel = (kind: DocumentKind): string => DOCUMENT_KIND_LABELS[kind] ?? kind;
