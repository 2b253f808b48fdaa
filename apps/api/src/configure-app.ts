import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type INestApplication, VersioningType } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { apiDocument } from './kernel/http/openapi.js';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { HttpLogger } from 'pino-http';
import type { AppConfig } from './kernel/config/config.js';
import { HTTP_LOGGER } from './kernel/http/logging.js';
import { applyStaticHeaders, captureStaticHeaders, type StaticHeaders } from './kernel/http/request-headers.js';
import { csrfRefusal } from './kernel/http/csrf.js';
import { requestIdFor } from './kernel/http/request-id.js';
import { createValidationPipe } from './kernel/http/validation.js';
import { DEFAULT_REQUEST_DEADLINE_MILLIS, requestDeadline } from './kernel/http/deadline.js';
import { requestContext, type RequestContext } from './kernel/http/request-context.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Survivor data must not linger in browser or proxy caches. */
const API_HEADERS: StaticHeaders = {
  set: [
    ['Cache-Control', 'no-store'],
    ['Pragma', 'no-cache'],
  ],
  removed: [],
};

/** Everything a Lantern HTTP app needs, shared by main.ts and the tests so they run the same stack. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  if (config.trustProxy) server.set('trust proxy', 1);

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

  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFor(req);
    (req as Request & { requestId: string }).requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    applyStaticHeaders(res, security);
    requestContext.run(lazyContext(req, requestId), next);
  });
  // A request that cannot get its answer in time is answered 503 with Retry-After (kernel/http/deadline.ts).
  app.use(requestDeadline(config.timeouts?.requestDeadlineMillis ?? DEFAULT_REQUEST_DEADLINE_MILLIS));

  // brotli or gzip for the web app's JS and CSS and for JSON answers of 1 kB or more (the `compression`
  // package of the Express project: it negotiates Accept-Encoding and sets Vary). Without it the sign-in
  // page sent 1.26 MB of JavaScript uncompressed. Clients that ask for no encoding (the benchmark) get none.
  app.use(compression({ threshold: 1024 }));

  const accessLog = app.get<HttpLogger>(HTTP_LOGGER);
  app.use('/api', (req: Request, res: Response, next: NextFunction) => {
    applyStaticHeaders(res, API_HEADERS);
    // Before the body parser, so bodies it refuses (400, 413) are logged too.
    accessLog(req, res);
    // Cross-site requests and form posts are refused before anything reads them (kernel/http/csrf.ts).
    next(csrfRefusal(req, config.trustProxy) ?? undefined);
  });
  app.use(
    express.json({
      limit: '100kb',
      strict: true,
      // Prototype-pollution keys and ill-formed Unicode (lone surrogates) are refused outright: the
      // body parser answers 400 before any validator sees them.
      reviver: (key: string, value: unknown) => {
        if (FORBIDDEN_KEYS.has(key) || !key.isWellFormed()) throw new SyntaxError('forbidden key');
        if (typeof value === 'string' && !value.isWellFormed()) throw new SyntaxError('ill-formed string');
        return value;
      },
    }),
  );
  app.use(cookieParser());

  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());

  if (config.apiDocs ?? config.env !== 'production') serveApiDocs(app, config);

  if (config.webDist && existsSync(join(config.webDist, 'index.html'))) serveWeb(app, config.webDist);
}

/** `/api/docs` and `/api/openapi.json`: off in production unless LANTERN_API_DOCS=true (issue 11). */
function serveApiDocs(app: INestApplication, config: AppConfig): void {
  const openapi = apiDocument(app, config.secureCookies ? '__Host-lantern_sid' : 'lantern_sid');
  SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/openapi.json', ui: true, raw: ['json'] });
}

/** The request's context; the client address (X-Forwarded-For parsing) is worked out when first read. */
function lazyContext(req: Request, requestId: string): RequestContext {
  let ip: string | null | undefined;
  let userAgent: string | null | undefined;
  return {
    requestId,
    method: req.method,
    get ip() {
      if (ip === undefined) ip = req.ip ?? null;
      return ip;
    },
    set ip(value) {
      ip = value;
    },
    get userAgent() {
      if (userAgent === undefined) {
        const header = req.headers['user-agent'];
        userAgent = header ? header.slice(0, 200) : null;
      }
      return userAgent;
    },
    set userAgent(value) {
      userAgent = value;
    },
  };
}

/** The built web app on the same origin as the API, with the single-page fallback. */
function serveWeb(app: INestApplication, root: string): void {
  const files = express.static(root, {
    index: false,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // API requests never look at the disk: the static files were stat()ed on every request before.
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api/') ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(root, 'index.html'));
  });
}

