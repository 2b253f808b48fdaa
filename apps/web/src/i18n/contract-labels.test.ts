import { SERVICE_TYPE_LABELS, SERVICE_TYPE_LABELS_ES, SERVICE_TYPES } from '@lantern/contracts';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import es from './es.json';

/**
 * The API writes notification titles with the service labels of libs/contracts (English and Spanish);
 * the web app shows the same services from its catalogues. One vocabulary: they must agree.
 */
describe('service labels', () => {
  it('the catalogues name every service as the contracts do, in English and in Spanish', () => {
    for (const type of SERVICE_TYPES) {
      expect({ type, en: en.lantern.vocab.serviceType[type] }).toEqual({ type, en: SERVICE_TYPE_LABELS[type] });
      expect({ type, es: es.lantern.vocab.serviceType[type] }).toEqual({ type, es: SERVICE_TYPE_LABELS_ES[type] });
    }
  });
});
