import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { VersioningType } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { FORM_DOCUMENT_LIMIT } from '@lantern/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { HttpLogger } from 'pino-http';
import { apiDocument } from './kernel/http/openapi.js';
import type { AppConfig } from './kernel/config/config.js';
import { HTTP_LOGGER, logAccess } from './kernel/http/logging.js';
import { applyStaticHeaders, captureStaticHeaders, type StaticHeaders } from './kernel/http/request-headers.js';
import { bodylessDelete, csrfRefusal, multipartAllowed } from './kernel/http/csrf.js';
import { DomainError } from './kernel/http/domain-error.js';
import { requestIdFor } from './kernel/http/request-id.js';
import { createValidationPipe } from './kernel/http/validation.js';
import { DEFAULT_REQUEST_DEADLINE_MILLIS, requestDeadline } from './kernel/http/deadline.js';
import { prefersCappedCount, requestContext, type RequestContext } from './kernel/http/request-context.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The largest JSON body the API reads (a route that takes files sets its own limit). */
export const JSON_BODY_LIMIT = 100 * 1024;

/**
 * Routes that read a larger JSON body: a shared form document (features/forms; docs/forms.md) may be up
 * to 1 MB, which the import checks itself (a 400); the route reads a little more for the body around it.
 */
const LARGER_BODIES: Record<string, number> = { 'POST /api/v1/forms/:form/import': FORM_DOCUMENT_LIMIT + 64 * 1024 };

/** Survivor data must not linger in browser or proxy caches. */
const API_HEADERS: StaticHeaders = {
  set: [
    ['Cache-Control', 'no-store'],
    ['Pragma', 'no-cache'],
  ],
  removed: [],
};

/** What the hooks keep on the raw request: the access log and the error filter read it there. */
type RawRequest = IncomingMessage & { requestId?: string; routePattern?: string; params?: unknown };
const CONTEXT = Symbol('lantern.requestContext');
type WithContext = FastifyRequest & { [CONTEXT]?: RequestContext };

/**
 * The HTTP server under Nest: Fastify (docs/architecture.md, "HTTP"). Express answered a request that did
 * nothing at about 0.15 of a bare Node server on this hardware, Fastify at about 0.7 (docs/benchmarks.md).
 * Shared by main.ts and the tests, so they run the same stack.
 */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    // The first proxy in front (as Express's `trust proxy` 1): the client address it forwards is believed.
    trustProxy: config.trustProxy ? (_address: string, hop: number) => hop < 1 : false,
    bodyLimit: JSON_BODY_LIMIT,
    keepAliveTimeout: 5_000,
    // Our own request ids and access log (kernel/http/logging.ts); Fastify's logger stays off.
    logger: false,
    // As Express did: `/api/v1/cases/` is `/api/v1/cases`.
    routerOptions: { ignoreTrailingSlash: true },
  });
}

/** Everything a Lantern HTTP app needs, shared by main.ts and the tests so they run the same stack. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const server = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;

  // Helmet's headers do not depend on the request: worked out once, set by one loop on every response.
  const security = captureStaticHeaders(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // MUI (emotion) injects style elements at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: config.secureCookies ? [] : null,
        },
      },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    }),
  );
  const accessLog = app.get<HttpLogger>(HTTP_LOGGER).logger;
  const deadline = requestDeadline(config.timeouts?.requestDeadlineMillis ?? DEFAULT_REQUEST_DEADLINE_MILLIS);

  // Registered before Nest adds its routes (app.init): a route of LARGER_BODIES gets its own limit.
  server.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const limit = LARGER_BODIES[`${method} ${route.url}`];
      if (limit) route.bodyLimit = limit;
    }
  });
  server.addHook('onRequest', (request, reply, done) => {
    const req = request.raw as RawRequest;
    const res = reply.raw;
    const requestId = requestIdFor(req);
    req.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    applyStaticHeaders(res, security);
    const context = new LazyContext(request, requestId);
    (request as WithContext)[CONTEXT] = context;
    let refusal: DomainError | null = null;
    if (request.url.startsWith('/api')) {
      applyStaticHeaders(res, API_HEADERS);
      // Cross-site requests and form posts are refused before anything reads them (kernel/http/csrf.ts).
      refusal = csrfRefusal(req, config.trustProxy);
    }
    // A multipart body only where a route takes a file (the document upload), whatever the path.
    if (!refusal && request.headers['content-type']?.trimStart().toLowerCase().startsWith('multipart/') && !multipartAllowed(req)) {
      refusal = new DomainError('UNSUPPORTED_ENCODING', 'Content-Type multipart/form-data is not accepted here: send application/json');
    }
    requestContext.run(context, () => {
      // A request that cannot get its answer in time is answered 503 with Retry-After (kernel/http/deadline.ts).
      if (!refusal) deadline(request, reply);
      done(refusal ?? undefined);
    });
  });
  // The access log: one line per answered API request, refused ones included (bodies too large or
  // malformed, unknown paths, CSRF refusals), written after the answer (kernel/http/logging.ts).
  server.addHook('onResponse', (request, reply, done) => {
    if (request.url.startsWith('/api')) logAccess(accessLog, request.raw as RawRequest, reply.statusCode, reply.elapsedTime);
    done();
  });
  // The body arrives on the socket's own callbacks, outside the context `onRequest` entered: enter it
  // again before the guards and the handler run, so they (and what they start) see the request.
  server.addHook('preValidation', (request, _reply, done) => {
    const context = (request as WithContext)[CONTEXT];
    const req = request.raw as RawRequest;
    // The matched route pattern and record id, for the access log (which never logs the raw URL).
    req.routePattern = request.routeOptions.url;
    req.params = request.params;
    if (context) requestContext.run(context, () => done());
    else done();
  });

  // JSON only, as `application/json`; an empty body is no body. Prototype-pollution keys, ill-formed
  // Unicode (lone surrogates) and bare scalars are refused outright, before any validator sees them.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (request, body, done) => {
    const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      done(new DomainError('UNSUPPORTED_ENCODING', 'Send the body as UTF-8 JSON'), undefined);
      return;
    }
    const text = (body as string).trim();
    if (text === '') return done(null, undefined);
    if (text[0] !== '{' && text[0] !== '[') return done(new DomainError('MALFORMED_BODY'), undefined);
    try {
      done(
        null,
        JSON.parse(text, (key: string, value: unknown) => {
          if (FORBIDDEN_KEYS.has(key) || !key.isWellFormed()) throw new SyntaxError('forbidden key');
          if (typeof value === 'string' && !value.isWellFormed()) throw new SyntaxError('ill-formed string');
          return value;
        }),
      );
    } catch {
      done(new DomainError('MALFORMED_BODY'), undefined);
    }
  });
  // Any other type with a body: named in the refusal, never read.
  server.addContentTypeParser('*', (request, _payload, done) => {
    // react-admin's stock client labels its body-less DELETE text/plain (kernel/http/csrf.ts): no body, nothing to refuse.
    if (bodylessDelete(request.raw)) return done(null, undefined);
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    done(new DomainError('UNSUPPORTED_ENCODING', `Content-Type ${type || '(none)'} is not accepted: send application/json`), undefined);
  });

  // `multipart/form-data`, for the one route that takes a file (POST /api/v1/documents; the hook above
  // and kernel/http/csrf.ts refuse it on every other route). Its parser only marks the request: the
  // body is read by the route itself, as a stream, with that route's size limit
  // (features/documents/upload-form.ts). These limits hold for any form: one file, a few short fields.
  await server.register(fastifyMultipart, {
    limits: { files: 1, fields: 12, parts: 13, fieldNameSize: 40, fieldSize: 2048, headerPairs: 20 },
  });

  // brotli or gzip for the web app's JS and CSS and for JSON answers of 1 kB or more (negotiates
  // Accept-Encoding and sets Vary). Without it the sign-in page sent 1.26 MB of JavaScript uncompressed.
  // Clients that ask for no encoding (the benchmark) get none. Compressed request bodies are not
  // accepted (`globalDecompression: false`): nothing sends them, the body limit must hold for what is
  // parsed, not for a gzip of it, and the plugin's decompression hook was run on every request.
  await server.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip', 'deflate'], globalDecompression: false });
  await server.register(fastifyCookie);

  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());

  if (config.apiDocs ?? config.env !== 'production') serveApiDocs(app, config);

  if (config.webDist && existsSync(join(config.webDist, 'index.html'))) await serveWeb(server, config.webDist);
}

/** `/api/docs` and `/api/openapi.json`: off in production unless LANTERN_API_DOCS=true (issue 11). */
function serveApiDocs(app: NestFastifyApplication, config: AppConfig): void {
  const openapi = apiDocument(app, config.secureCookies ? '__Host-lantern_sid' : 'lantern_sid');
  SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/openapi.json', ui: true, raw: ['json'] });
}

/**
 * The request's context; the client address (X-Forwarded-For parsing) and the user agent are worked out
 * when first read. A class rather than an object literal with accessors: V8 gives every instance one
 * shape and keeps the accessors on the prototype, where a literal built its accessor pair per request
 * (docs/benchmarks.md, 6 December 2026, session 12).
 */
class LazyContext implements RequestContext {
  readonly method: string;
  declare actor?: RequestContext['actor'];
  declare ability?: RequestContext['ability'];
  declare echoes?: RequestContext['echoes'];
  declare deadline?: number;
  readonly #request: FastifyRequest;
  #ip: string | null | undefined;
  #userAgent: string | null | undefined;

  constructor(
    request: FastifyRequest,
    readonly requestId: string,
  ) {
    this.#request = request;
    this.method = request.method;
  }

  get ip(): string | null {
    if (this.#ip === undefined) this.#ip = this.#request.ip ?? null;
    return this.#ip;
  }

  set ip(value: string | null) {
    this.#ip = value;
  }

  get prefersCappedCount(): boolean {
    return prefersCappedCount(this.#request.headers.prefer);
  }

  get userAgent(): string | null {
    if (this.#userAgent === undefined) {
      const header = this.#request.headers['user-agent'];
      this.#userAgent = header ? header.slice(0, 200) : null;
    }
    return this.#userAgent;
  }

  set userAgent(value: string | null) {
    this.#userAgent = value;
  }
}

/**
 * The built web app on the same origin as the API, with the single-page fallback. The files are listed
 * once at start-up (one route each), so API requests never look at the disk.
 */
async function serveWeb(server: FastifyInstance, root: string): Promise<void> {
  await server.register(fastifyStatic, {
    root,
    index: false,
    wildcard: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      void reply.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const page = (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') throw new DomainError('ROUTE_NOT_FOUND');
    reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html');
  };
  server.get('/', page);
  server.get('/*', page);
}
