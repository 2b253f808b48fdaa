/** A list's custom filters as the API names them (docs/custom-fields.md, "In lists"); no component here, so the data provider can use it. */

/** The source of a field's column, filter and sort, as the API names them. */
export const customSource = (key: string): string => `custom.${key}`;

/**
 * react-admin keeps a filter whose source has a dot (`custom.industry`) as a nested object (`{ custom:
 * { industry } }`); the API takes flat `custom.<key>` names. An emptied multiple choice is no filter.
 */
export function flatCustomFilter(filter: Record<string, unknown> | undefined): Record<string, unknown> {
  const custom = filter?.custom;
  if (!filter || !custom || typeof custom !== 'object' || Array.isArray(custom)) return filter ?? {};
  const { custom: _nested, ...flat } = filter;
  for (const [key, value] of Object.entries(custom as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    flat[customSource(key)] = value;
  }
  return flat;
}
