import { Global, Module } from '@nestjs/common';
import { IdempotencyAccess } from '../../kernel/idempotency/idempotency-access.js';
import { RecordIdempotencyAccess } from './idempotency-access.js';
import { RecordAccess } from './record-access.js';
import { RecordExports } from './record-exports.js';
import { RecordWrites } from './record-writes.js';

/** The record-access layer, available to every feature (docs/architecture.md), and the replay port of idempotency keys. */
@Global()
@Module({
  providers: [RecordAccess, RecordWrites, RecordExports, { provide: IdempotencyAccess, useClass: RecordIdempotencyAccess }],
  exports: [RecordAccess, RecordWrites, RecordExports, IdempotencyAccess],
})
export class AccessModule {}
