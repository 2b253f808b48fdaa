import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type INestApplication, VersioningType } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from './config/config.js';
import { createValidationPipe } from './common/validation.js';
import { requestContext } from './common/request-context.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Everything a Lantern HTTP app needs, shared by main.ts and the tests so they run the same stack. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  if (config.trustProxy) server.set('trust proxy', 1);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    (req as Request & { requestId: string }).requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const userAgent = req.header('user-agent');
    requestContext.run({ requestId, ip: req.ip ?? null, userAgent: userAgent ? userAgent.slice(0, 200) : null }, next);
  });

  app.use(
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
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    // Survivor data must not linger in browser or proxy caches.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    next();
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

  const openapi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lantern API')
      .setDescription('Case management for organizations serving survivors of trafficking. Lists follow ra-data-simple-rest.')
      .setVersion('1')
      .addCookieAuth(config.secureCookies ? '__Host-lantern_sid' : 'lantern_sid')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/openapi.json', ui: true, raw: ['json'] });

  if (config.webDist && existsSync(join(config.webDist, 'index.html'))) serveWeb(app, config.webDist);
}

/** The built web app on the same origin as the API, with the single-page fallback. */
function serveWeb(app: INestApplication, root: string): void {
  app.use(
    express.static(root, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(root, 'index.html'));
  });
}

