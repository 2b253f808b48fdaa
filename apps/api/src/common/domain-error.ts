/**
 * Errors the services throw. Each carries a stable code and the HTTP status it maps to; one filter
 * (ProblemFilter) turns them into application/problem+json. Messages never contain survivor data.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string[]>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (subject: string): DomainError =>
  new DomainError('NOT_FOUND', 404, `${subject} not found`);

export const forbidden = (message = 'You do not have permission to do this'): DomainError =>
  new DomainError('FORBIDDEN', 403, message);

export const badRequest = (field: string, problem: string, code = 'VALIDATION_FAILED'): DomainError =>
  new DomainError(code, 400, `Invalid input: ${field} ${problem}`, { [field]: [problem] });

export const staleVersion = (): DomainError =>
  new DomainError(
    'STALE_VERSION',
    409,
    'This record was changed by someone else since you opened it. Reload it and make your change again.',
    { version: ['is not the current version'] },
  );

export const forbiddenFields = (fields: string[]): DomainError =>
  new DomainError(
    'FORBIDDEN_FIELDS',
    403,
    `You may not set: ${fields.join(', ')}`,
    Object.fromEntries(fields.map((f) => [f, ['may not be set by you']])),
  );
