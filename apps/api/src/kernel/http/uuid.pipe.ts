import { Injectable, type PipeTransform } from '@nestjs/common';
import { badRequest } from './domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route ids are uuids; anything else is a 400 naming `id` before any query runs. */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw badRequest('id', 'must be a uuid');
    return value.toLowerCase();
  }
}
