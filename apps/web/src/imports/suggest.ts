import type { ImportField } from '@lantern/contracts';

/** Header words that usually name each field, in English and Spanish (lower case, without accents). */
const NAMES: [ImportField, string[]][] = [
  ['importKey', ['id', 'record', 'record no', 'record number', 'client id', 'case id', 'file number', 'expediente', 'numero', 'registro']],
  ['alias', ['alias', 'nickname', 'code name', 'apodo', 'seudonimo']],
  ['legalName', ['name', 'full name', 'legal name', 'client name', 'nombre', 'nombre completo', 'nombre legal']],
  ['preferredName', ['preferred name', 'goes by', 'nombre preferido']],
  ['dateOfBirth', ['dob', 'date of birth', 'birth date', 'birthdate', 'born', 'fecha de nacimiento', 'nacimiento']],
  ['birthYear', ['birth year', 'year of birth', 'ano de nacimiento']],
  ['gender', ['gender', 'sex', 'genero', 'sexo']],
  ['pronouns', ['pronouns', 'pronombres']],
  ['phone', ['phone', 'telephone', 'mobile', 'cell', 'telefono', 'celular']],
  ['email', ['email', 'e mail', 'mail', 'correo', 'correo electronico']],
  ['caseworkerEmail', ['caseworker', 'caseworker email', 'worker', 'case manager', 'assigned to', 'trabajadora', 'gestora']],
  ['referralSource', ['referral source', 'referred by', 'how referred', 'source', 'referencia', 'fuente']],
  ['exploitationTypes', ['exploitation', 'type of exploitation', 'exploitation type', 'trafficking type', 'explotacion', 'tipo de explotacion']],
];

const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[_\-.:#]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The field a column's header most likely names, or '' (not imported). A suggestion only: the admin sees
 * every column's choice before the dry run. A field is suggested for one column at most (the first).
 */
export function suggestField(header: string, headers: readonly string[]): ImportField | '' {
  const taken = new Set<ImportField>();
  for (const h of headers) {
    const found = NAMES.find(([field, names]) => !taken.has(field) && names.includes(plain(h)))?.[0];
    if (h === header) return found ?? '';
    if (found) taken.add(found);
  }
  return '';
}
