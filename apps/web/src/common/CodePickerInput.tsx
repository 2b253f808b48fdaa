import { useMemo } from 'react';
import { AutocompleteArrayInput, AutocompleteInput, useLocaleState, type Validator } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { codeChoices, matchesCode, type CodeChoice, type CodeKind } from './code-names';

/** Refuses more choices than the API takes (`citizenship` 5, `languages` 8). */
const atMost = (max: number): Validator => (value: unknown) =>
  Array.isArray(value) && value.length > max ? { message: 'lantern.survivors.tooMany', args: { max } } : undefined;

const matchSuggestion = (typed: string, choice: CodeChoice): boolean => matchesCode(typed, choice);

/**
 * Countries or languages picked by name, with a search (issue 13): typing "Mex" or "México" offers
 * Mexico; what is stored is the ISO code (`MX`, `es`) the API expects.
 */
export function CodePickerInput({ source, kind, max, helperText, label }: { source: string; kind: CodeKind; max: number; helperText?: string | false; label?: string }) {
  const [locale] = useLocaleState();
  const chosen = useWatch({ name: source }) as unknown;
  const selected = Array.isArray(chosen) ? (chosen as string[]) : [];
  // Recomputed when the language changes or a code from outside the list is already chosen.
  const extra = selected.join('|');
  const choices = useMemo(() => codeChoices(kind, locale, extra ? extra.split('|') : []), [kind, locale, extra]);
  return (
    <AutocompleteArrayInput
      source={source}
      choices={choices}
      optionText="name"
      optionValue="id"
      translateChoice={false}
      matchSuggestion={matchSuggestion}
      validate={atMost(max)}
      helperText={helperText}
      label={label}
      filterSelectedOptions
    />
  );
}

/**
 * One country picked by name (issue 17, part 2: where she was recruited, where she was exploited): an
 * accessible combobox whose names are in the reader's language (Intl.DisplayNames); typing "Guat",
 * "Guatemala" or "GT" finds it; the ISO 3166-1 alpha-2 code is what is stored.
 */
export function CountryInput({ source, helperText }: { source: string; helperText?: string | false }) {
  const [locale] = useLocaleState();
  const chosen = useWatch({ name: source }) as unknown;
  const extra = typeof chosen === 'string' ? chosen : '';
  const choices = useMemo(() => codeChoices('country', locale, extra ? [extra] : []), [locale, extra]);
  return (
    <AutocompleteInput
      source={source}
      choices={choices}
      optionText="name"
      optionValue="id"
      translateChoice={false}
      // react-admin adds an empty choice of its own (no `search`): it never matches what was typed.
      matchSuggestion={(typed: string, choice: Partial<CodeChoice>) => typeof choice.search === 'string' && matchesCode(typed, choice as CodeChoice)}
      helperText={helperText}
      parse={(value: unknown) => (value === '' ? null : value)}
    />
  );
}
