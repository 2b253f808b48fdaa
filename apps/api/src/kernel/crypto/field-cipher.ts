import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

const FORMAT = 'v1';

/** Where a value lives: the AAD binds a ciphertext to its table, column and row. */
export interface FieldLocation {
  table: string;
  column: string;
  rowId: string;
}

export class DecryptionError extends Error {
  constructor() {
    super('A protected value could not be decrypted');
    this.name = 'DecryptionError';
  }
}

/**
 * Application-level AES-256-GCM for sensitive columns (docs/security-model.md, Field encryption): a random
 * 96-bit IV per value, AAD `table|column|rowId` so a ciphertext copied to another row or column
 * does not decrypt, and `v1.<keyId>.<iv>.<ciphertext+tag>` so keys can rotate.
 */
@Injectable()
export class FieldCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly currentKeyId: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const ring = config.keys.encryptionKeys;
    if (ring.length === 0) throw new Error('No encryption key configured');
    this.keys = new Map(ring.map((k) => [k.id, k.key]));
    this.currentKeyId = ring[ring.length - 1]!.id;
  }

  get activeKeyId(): string {
    return this.currentKeyId;
  }

  encrypt(plaintext: string, where: FieldLocation): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(aad(where));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [FORMAT, this.currentKeyId, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(value: string, where: FieldLocation): string {
    const [format, keyId, ivText, bodyText] = value.split('.');
    const key = keyId ? this.keys.get(keyId) : undefined;
    if (format !== FORMAT || !key || !ivText || !bodyText) throw new DecryptionError();
    const body = Buffer.from(bodyText, 'base64url');
    if (body.length < 16) throw new DecryptionError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
      decipher.setAAD(aad(where));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError();
    }
  }

  /** The key id a stored value was encrypted with (for rotation). */
  keyIdOf(value: string): string | null {
    const parts = value.split('.');
    return parts[0] === FORMAT && parts[1] ? parts[1] : null;
  }
}

function aad(where: FieldLocation): Buffer {
  return Buffer.from(`${where.table}|${where.column}|${where.rowId}`, 'utf8');
}
