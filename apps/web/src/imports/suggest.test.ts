import { describe, expect, it } from 'vitest';
import { suggestField } from './suggest';

describe('suggestField', () => {
  it('recognizes common headers in English and Spanish, whatever the case and accents', () => {
    const headers = ['Record No', 'Nickname', 'Full name', 'DOB', 'Género', 'Teléfono', 'E-mail', 'Worker', 'How referred', 'Type of exploitation', 'Notes'];
    expect(headers.map((h) => suggestField(h, headers))).toEqual([
      'importKey',
      'alias',
      'legalName',
      'dateOfBirth',
      'gender',
      'phone',
      'email',
      'caseworkerEmail',
      'referralSource',
      'exploitationTypes',
      '',
    ]);
  });

  it('suggests a field for one column only', () => {
    const headers = ['Name', 'Nombre'];
    expect(headers.map((h) => suggestField(h, headers))).toEqual(['legalName', '']);
  });
});
