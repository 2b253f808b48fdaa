import { Global, Module } from '@nestjs/common';
import { RecordAccess } from './record-access.js';

/** The record-access layer, available to every feature (docs/architecture.md). */
@Global()
@Module({ providers: [RecordAccess], exports: [RecordAccess] })
export class AccessModule {}
