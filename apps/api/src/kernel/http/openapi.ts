import { applyDecorators, type INestApplication } from '@nestjs/common';
import { ApiNoContentResponse, ApiProduces, ApiResponse, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { RESPONSE_SCHEMAS } from './response-schemas.generated.js';

export interface ReturnsOptions {
  /** The route answers a JSON array of the type (a list). */
  list?: boolean;
  /** 200 unless given (201 for a create). */
  status?: number;
  description?: string;
}

/**
 * What a route answers, by the name of its type in libs/contracts (issue 10). The schema comes from
 * the contracts' own declarations (tools/contract-schemas.mjs generates response-schemas.generated.ts
 * from every name used here), so the document, the API's types and the web's types are one.
 * Fields the caller may not read are left out of a record (the record-access layer's field filter).
 */
export function Returns(type: string, options: ReturnsOptions = {}): MethodDecorator {
  const ref = { $ref: `#/components/schemas/${type}` };
  return applyDecorators(
    ApiResponse({
      status: options.status ?? 200,
      description: options.description ?? (options.list ? `A list of ${type}` : type),
      schema: options.list ? { type: 'array', items: ref } : ref,
    }),
  );
}

/** A route that answers 204 with no body. */
export function ReturnsNothing(description = 'Done; no content'): MethodDecorator {
  return applyDecorators(ApiNoContentResponse({ description }));
}

/** The OpenAPI document of the running app, with the response schemas of libs/contracts. */
export function apiDocument(app: INestApplication, cookieName: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lantern API')
      .setDescription(
        'Case management for organizations serving survivors of trafficking. Lists follow ra-data-simple-rest: ' +
          'the total in Content-Range. With the header `Prefer: count=capped`, a list of more than 1,000 records ' +
          'may answer `Content-Range: cases 0-24/*` (more pages follow) instead of counting every row. ' +
          'A record leaves out the fields its reader may not read.',
      )
      .setVersion('1')
      .addCookieAuth(cookieName)
      .build(),
  );
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(RESPONSE_SCHEMAS as NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>) } };
  return document;
}

/**
 * A service's answer as the contract type the route declares. The record-access layer hands back
 * field-filtered plain records (`Record<string, unknown>`): what they hold is checked against the
 * published schema at run time by kernel/http/responses-match-contracts.int-spec.ts, not by this cast.
 */
export async function answer<T>(value: unknown): Promise<T> {
  return (await value) as T;
}

/** A route that answers a file (bytes of `mime`), not JSON. */
export function ReturnsFile(mime: string, description: string): MethodDecorator {
  return applyDecorators(ApiProduces(mime), ApiResponse({ status: 200, description, content: { [mime]: { schema: { type: 'string', format: 'binary' } } } }));
}
