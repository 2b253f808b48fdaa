import { useMemo } from 'react';
import { AutocompleteArrayInput, useLocaleState, type Validator } from 'react-admin';
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
export function CodePickerInput({ source, kind, max, helperText }: { source: string; kind: CodeKind; max: number; helperText?: string }) {
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
      filterSelectedOptions
    />
  );
}
