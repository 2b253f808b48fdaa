import { randomBytes } from 'node:crypto';
import { testConfig } from '../../testing/test-app.js';
import { DecryptionError, FieldCipher } from './field-cipher.js';

const where = { table: 'survivor', column: 'legal_name', rowId: 'row-1' };

describe('FieldCipher', () => {
  const cipher = new FieldCipher(testConfig());

  it('round-trips and names its key', () => {
    const value = cipher.encrypt('Ana María', where);
    expect(value).toMatch(/^v1\.t1\.[\w-]+\.[\w-]+$/);
    expect(value).not.toContain('Ana María');
    expect(cipher.decrypt(value, where)).toBe('Ana María');
  });

  it('gives a different ciphertext for the same plaintext every time (random IV)', () => {
    expect(cipher.encrypt('same', where)).not.toBe(cipher.encrypt('same', where));
  });

  it('refuses a value moved to another row, column or table', () => {
    const value = cipher.encrypt('secret', where);
    expect(() => cipher.decrypt(value, { ...where, rowId: 'row-2' })).toThrow(DecryptionError);
    expect(() => cipher.decrypt(value, { ...where, column: 'phone' })).toThrow(DecryptionError);
    expect(() => cipher.decrypt(value, { ...where, table: 'case_note' })).toThrow(DecryptionError);
  });

  it('refuses a tampered ciphertext', () => {
    const value = cipher.encrypt('secret', where);
    const parts = value.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), where)).toThrow(DecryptionError);
    expect(() => cipher.decrypt('v1.t1.short', where)).toThrow(DecryptionError);
  });

  it('decrypts with an old key after rotation and encrypts with the newest', () => {
    const old = testConfig();
    const rotated = new FieldCipher(
      testConfig({ keys: { ...old.keys, encryptionKeys: [...old.keys.encryptionKeys, { id: 't2', key: randomBytes(32) }] } }),
    );
    const before = cipher.encrypt('kept', where);
    expect(rotated.decrypt(before, where)).toBe('kept');
    expect(rotated.keyIdOf(rotated.encrypt('kept', where))).toBe('t2');
    expect(() => cipher.decrypt(rotated.encrypt('new', where), where)).toThrow(DecryptionError);
  });
});
