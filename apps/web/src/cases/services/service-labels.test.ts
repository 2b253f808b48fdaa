import {
  CONTINUED_PRESENCE_STATUS_LABELS,
  CONTINUED_PRESENCE_STATUSES,
  HHS_LETTER_KIND_LABELS,
  HHS_LETTER_KINDS,
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_INFO,
  T_VISA_STATUS_LABELS,
  T_VISA_STATUSES,
  VOCA_CATEGORIES,
  VOCA_CATEGORY_LABELS,
} from '@lantern/contracts';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { localToday, serviceAmount, serviceCategoryGroups, serviceCategoryLabel, serviceCategoryWithCode } from './service-labels';

describe('services given: words (issue 16)', () => {
  it('names every OVC PMT service in English (as libs/contracts does) and in Spanish, never as its value', () => {
    for (const category of SERVICE_CATEGORIES) {
      const english = en.lantern.vocab.serviceCategory[category];
      const spanish = es.lantern.vocab.serviceCategory[category];
      expect([category, english]).toEqual([category, SERVICE_CATEGORY_INFO[category].label]);
      expect([category, typeof spanish === 'string' && spanish !== english && spanish !== category]).toEqual([category, true]);
      expect(serviceCategoryLabel(category)).toBe(english);
    }
    for (const category of VOCA_CATEGORIES) {
      expect(en.lantern.vocab.vocaCategory[category]).toBe(VOCA_CATEGORY_LABELS[category]);
      expect(es.lantern.vocab.vocaCategory[category]).toMatch(/^[A-E]\. /);
    }
  });

  it('groups the services under their VOCA category, A to E, each with its PMT code', () => {
    const groups = serviceCategoryGroups();
    expect(groups.map((g) => g.category)).toEqual([...VOCA_CATEGORIES]);
    expect(groups.flatMap((g) => g.services.map((s) => s.value))).toEqual([...SERVICE_CATEGORIES]);
    groups.forEach((group, i) => {
      for (const service of group.services) expect(service.label.startsWith('ABCDE'[i]!)).toBe(true);
    });
    expect(serviceCategoryWithCode('crisis_intervention')).toBe('C1 · Crisis intervention (in person, including safety planning)');
    // Every code is used once.
    expect(new Set(SERVICE_CATEGORIES.map((c) => SERVICE_CATEGORY_INFO[c].code)).size).toBe(SERVICE_CATEGORIES.length);
  });

  it('says how much was given, and what today is where the reader is', () => {
    expect(serviceAmount(2, 45)).toBe('2 units · 45 min');
    expect(serviceAmount(1, null)).toBe('1 unit');
    expect(serviceAmount(null, null)).toBe('');
    expect(localToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('names the states of immigration relief as libs/contracts does, and in Spanish', () => {
    for (const [vocabulary, values, labels] of [
      ['tVisaStatus', T_VISA_STATUSES, T_VISA_STATUS_LABELS],
      ['continuedPresenceStatus', CONTINUED_PRESENCE_STATUSES, CONTINUED_PRESENCE_STATUS_LABELS],
      ['hhsLetter', HHS_LETTER_KINDS, HHS_LETTER_KIND_LABELS],
    ] as const) {
      for (const value of values) {
        const english = (en.lantern.vocab[vocabulary] as Record<string, string>)[value];
        const spanish = (es.lantern.vocab[vocabulary] as Record<string, string>)[value];
        expect([vocabulary, value, english]).toEqual([vocabulary, value, (labels as Record<string, string>)[value]]);
        expect([vocabulary, value, Boolean(spanish) && spanish !== english]).toEqual([vocabulary, value, true]);
      }
    }
  });
});
