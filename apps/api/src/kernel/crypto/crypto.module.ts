import { Global, Module } from '@nestjs/common';
import { BlindIndex } from './blind-index.js';
import { FieldCipher } from './field-cipher.js';

@Global()
@Module({ providers: [FieldCipher, BlindIndex], exports: [FieldCipher, BlindIndex] })
export class CryptoModule {}
