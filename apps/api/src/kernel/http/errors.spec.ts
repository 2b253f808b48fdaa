import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ERROR_CODES, isErrorCode, type ErrorCode } from '@lantern/contracts';
import { badRequest, DomainError, forbidden, forbiddenFields, notFound, staleVersion } from './domain-error.js';
import { HTTP_EXCEPTION_CODES } from './problem.filter.js';

/**
 * The error catalogue (libs/contracts/src/errors.ts) is the one list of what the API answers: every
 * code the source throws is in it with its one status, and nothing in it is dead.
 */

const SRC = join(__dirname, '../..');
const CATALOGUE = Object.entries(ERROR_CODES) as [ErrorCode, (typeof ERROR_CODES)[ErrorCode]][];

/** The API's source files: what `tsconfig.app.json` compiles, without the tests and their helpers. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$|\.d\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The text between the parentheses of the call whose `(` is at `open`, skipping string literals. */
function callArguments(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i]!;
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return source.slice(open + 1, i);
  }
  throw new Error(`unbalanced call at ${open}`);
}

/** The arguments of a call, split at its top-level commas. */
function splitArguments(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i]!;
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < args.length && args[i] !== c; i++) if (args[i] === '\\') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(args.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

const CODE_LITERAL = /'([A-Z][A-Z0-9_]*)'/g;

/** Every code the source gives `new DomainError(` (its first argument) or `badRequest(` (its third), with where. */
function codesInSource(): { code: string; where: string }[] {
  const found: { code: string; where: string }[] = [];
  for (const file of sourceFiles(SRC)) {
    const source = readFileSync(file, 'utf8');
    for (const call of source.matchAll(/\bnew DomainError\s*\(|\bbadRequest\s*\(/g)) {
      const args = splitArguments(callArguments(source, call.index + call[0].length - 1));
      const codeArgument = call[0].startsWith('new') ? args[0] : args[2];
      if (!codeArgument) continue;
      const where = `${relative(SRC, file)}:${source.slice(0, call.index).split('\n').length}`;
      for (const [, code] of codeArgument.matchAll(CODE_LITERAL)) found.push({ code: code!, where });
    }
  }
  return found;
}

describe('the error catalogue', () => {
  const used = codesInSource();

  it('finds the codes in the source (the scan itself works)', () => {
    const codes = new Set(used.map((u) => u.code));
    expect(codes.size).toBeGreaterThan(40);
    for (const code of ['NOT_FOUND', 'FORBIDDEN', 'VALIDATION_FAILED', 'CASE_CLOSED', 'READ_BUDGET_EXCEEDED', 'CONFLICT', 'INTERNAL', 'BAD_REQUEST']) {
      expect(codes).toContain(code);
    }
  });

  it('holds every code the API source throws', () => {
    expect(used.filter((u) => !isErrorCode(u.code))).toEqual([]);
  });

  it('holds no code the API never answers', () => {
    const nest = Object.values(HTTP_EXCEPTION_CODES).filter((code): code is ErrorCode => code !== undefined);
    const answered = new Set<string>([...used.map((u) => u.code), ...nest]);
    expect(CATALOGUE.map(([code]) => code).filter((code) => !answered.has(code))).toEqual([]);
  });

  it('gives every code an error status: 4xx or 5xx', () => {
    for (const [code, { status }] of CATALOGUE) {
      expect({ code, status: Number.isInteger(status) && status >= 400 && status <= 599 }).toEqual({ code, status: true });
    }
  });

  it('names its codes in UPPER_SNAKE_CASE', () => {
    expect(CATALOGUE.map(([code]) => code).filter((code) => !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(code))).toEqual([]);
  });

  it('gives each code its own default message: two codes with one message would be one meaning under two codes', () => {
    const byMessage = new Map<string, string[]>();
    for (const [code, { message }] of CATALOGUE) byMessage.set(message, [...(byMessage.get(message) ?? []), code]);
    expect([...byMessage.values()].filter((codes) => codes.length > 1)).toEqual([]);
  });

  it('writes its messages for the person using Lantern, not for a programmer', () => {
    const jargon = /\b(HTTP|JSON|SQL|UUID|uuid|POST|GET|PUT|PATCH|DELETE|endpoint|Idempotency|null|undefined)\b|\/api\/|ε|[{}]/;
    for (const [code, { message }] of CATALOGUE) {
      expect({ code, plain: message.length > 10 && /^[A-Z]/.test(message) && !jargon.test(message) }).toEqual({ code, plain: true });
    }
  });

  it("answers Nest's own exceptions with codes of the status Nest gave", () => {
    for (const [status, code] of Object.entries(HTTP_EXCEPTION_CODES)) {
      expect({ code, status: ERROR_CODES[code!].status }).toEqual({ code, status: Number(status) });
    }
  });
});

describe('DomainError', () => {
  it('takes its status and, unless given one, its message from the catalogue', () => {
    for (const [code, { status, message }] of CATALOGUE) {
      const error = new DomainError(code);
      expect({ code: error.code, status: error.status, message: error.message }).toEqual({ code, status, message });
    }
    expect(new DomainError('CASE_CLOSED', 'This case is closed: its plan is read-only').message).toBe('This case is closed: its plan is read-only');
  });

  it('keeps the helpers on the catalogue', () => {
    expect(notFound('Release')).toMatchObject({ code: 'NOT_FOUND', status: 404, message: 'Release not found' });
    expect(forbidden()).toMatchObject({ code: 'FORBIDDEN', status: 403, message: ERROR_CODES.FORBIDDEN.message });
    expect(forbidden('You may not add users')).toMatchObject({ code: 'FORBIDDEN', status: 403, message: 'You may not add users' });
    expect(badRequest('reason', 'is required')).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: 'Invalid input: reason is required',
      errors: { reason: ['is required'] },
    });
    expect(badRequest('filter', 'is not JSON', 'MALFORMED_BODY')).toMatchObject({ code: 'MALFORMED_BODY', status: 400 });
    expect(staleVersion()).toMatchObject({ code: 'STALE_VERSION', status: 409, errors: { version: ['is not the current version'] } });
    expect(forbiddenFields(['riskLevel'])).toMatchObject({ code: 'FORBIDDEN_FIELDS', status: 403, errors: { riskLevel: ['may not be set by you'] } });
  });
});
