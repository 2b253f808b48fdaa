import { ERROR_CODES, type ErrorCode } from '@lantern/contracts';

/** Per-field messages: the field as the request named it, and what is wrong with it. */
export type FieldErrors = Record<string, string[]>;

/**
 * Errors the services throw. Each carries a code of the catalogue (`ERROR_CODES` in
 * libs/contracts), which fixes its HTTP status; one filter (ProblemFilter) turns them into
 * application/problem+json. The message defaults to the catalogue's; a more specific one (the
 * allowed moves, the missing answers) may replace it. Messages never contain survivor data.
 */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code].message,
    readonly errors?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
    this.status = ERROR_CODES[code].status;
  }
}

/** The 400 codes a field problem may carry. */
type FieldProblemCode = { [C in ErrorCode]: (typeof ERROR_CODES)[C]['status'] extends 400 ? C : never }[ErrorCode];

export const notFound = (subject: string): DomainError => new DomainError('NOT_FOUND', `${subject} not found`);

export const forbidden = (message?: string): DomainError => new DomainError('FORBIDDEN', message);

export const badRequest = (field: string, problem: string, code: FieldProblemCode = 'VALIDATION_FAILED'): DomainError =>
  new DomainError(code, `Invalid input: ${field} ${problem}`, { [field]: [problem] });

export const staleVersion = (): DomainError => new DomainError('STALE_VERSION', undefined, { version: ['is not the current version'] });

export const forbiddenFields = (fields: string[]): DomainError =>
  new DomainError(
    'FORBIDDEN_FIELDS',
    `You may not set: ${fields.join(', ')}`,
    Object.fromEntries(fields.map((f) => [f, ['may not be set by you']])),
  );
