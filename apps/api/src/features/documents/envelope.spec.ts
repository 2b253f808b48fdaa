import { randomBytes } from 'node:crypto';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { testConfig } from '../../testing/test-app.js';
import { DocumentIntegrityError, newDataKey, openChunk, sealChunk, unwrapDataKey, wrapDataKey } from './envelope.js';

describe('document envelope encryption', () => {
  const key = newDataKey();
  const id = '3f1d8a52-5b0e-4b7c-9a59-6a1c3c1f2b10';
  const plain = Buffer.from('page one of a lease');

  it('seals a chunk to its document, position and final mark', () => {
    const sealed = sealChunk(key, id, 3, true, plain);
    expect(openChunk(key, id, 3, true, sealed)).toEqual(plain);
    expect(sealed.sealed.includes(plain)).toBe(false);
    expect(() => openChunk(key, id, 2, true, sealed)).toThrow(DocumentIntegrityError);
    expect(() => openChunk(key, id, 3, false, sealed)).toThrow(DocumentIntegrityError);
    expect(() => openChunk(key, 'another-document', 3, true, sealed)).toThrow(DocumentIntegrityError);
    expect(() => openChunk(newDataKey(), id, 3, true, sealed)).toThrow(DocumentIntegrityError);
    const flipped = Buffer.from(sealed.sealed);
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openChunk(key, id, 3, true, { nonce: sealed.nonce, sealed: flipped })).toThrow(DocumentIntegrityError);
  });

  it('wraps the data key with the current key of the ring, and unwraps it with an older one after rotation', () => {
    const cipher = new FieldCipher(testConfig());
    const wrapped = wrapDataKey(cipher, id, key);
    expect(wrapped.startsWith('v1.t1.')).toBe(true);
    expect(unwrapDataKey(cipher, id, wrapped)).toEqual(key);
    expect(() => unwrapDataKey(cipher, 'another-document', wrapped)).toThrow();
    const old = testConfig();
    const rotated = new FieldCipher(testConfig({ keys: { ...old.keys, encryptionKeys: [...old.keys.encryptionKeys, { id: 't2', key: randomBytes(32) }] } }));
    expect(unwrapDataKey(rotated, id, wrapped)).toEqual(key);
  });
});
