import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import { Clock } from '../../kernel/config/clock.js';

/** RFC 6238 TOTP: 30-second steps, ±1 step of clock drift, each step accepted once. */
@Injectable()
export class TotpService {
  constructor(private readonly clock: Clock) {}

  newSecret(): string {
    return generateSecret({ length: 20 });
  }

  uri(secret: string, account: string): string {
    return generateURI({ issuer: 'Lantern', label: account, secret });
  }

  /** The matched time step, or null. `afterStep` refuses a code of a step already used. */
  async check(secret: string, code: string, afterStep: number | null): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(this.clock.now().getTime() / 1000),
      epochTolerance: 30,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  /** Ten recovery codes of 80 bits each, shown once; only their SHA-256 is stored. */
  newRecoveryCodes(): string[] {
    const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
    return Array.from({ length: 10 }, () => {
      const bytes = randomBytes(16);
      const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
      return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
    });
  }
}

export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}
