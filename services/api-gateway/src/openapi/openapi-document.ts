import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { NAMED_ENUMS, ROUTE_TABLE, type HttpMethod } from '@hookport/api-schema';
import { isPublicRoute } from '../routes/route-controllers';

const DESCRIPTION = `Hookport's public API.

**Management API** (\`/api/v1\`): Svix-compatible; the operator's backend calls it with an API key
(\`Authorization: Bearer key_...\`) whose scopes are \`<area>:read\` / \`<area>:write\`.

**Portal API** (\`/portal-api/v1\`): what the customer portal calls with a portal session token.

Every error is \`application/problem+json\` (RFC 9457) with a stable \`code\`.`;

type Json = Record<string, unknown>;

const lowerCase = (method: HttpMethod) =>
  method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * @nestjs/swagger writes OpenAPI 3.0's \`nullable: true\`; 3.1 (JSON Schema 2020-12) spells it
 * as a \`null\` type instead. Rewrites every schema in place.
 */
const toJsonSchemaNullability = (node: unknown): void => {
  if (Array.isArray(node)) return node.forEach(toJsonSchemaNullability);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Json;
  Object.values(schema).forEach(toJsonSchemaNullability);
  if (schema['nullable'] !== true) return;
  delete schema['nullable'];
  if (typeof schema['$ref'] === 'string') {
    const ref = schema['$ref'];
    delete schema['$ref'];
    schema['oneOf'] = [{ $ref: ref }, { type: 'null' }];
  } else if (typeof schema['type'] === 'string') {
    schema['type'] = [schema['type'], 'null'];
    if (Array.isArray(schema['enum'])) schema['enum'] = [...(schema['enum'] as unknown[]), null];
  } else if (Array.isArray(schema['allOf'])) {
    schema['oneOf'] = [{ allOf: schema['allOf'] }, { type: 'null' }];
    delete schema['allOf'];
  }
};

/**
 * A named enum arrives as \`allOf: [{ $ref }]\` (3.0 could not put siblings beside \`$ref\`);
 * 3.1 can, so the one-element \`allOf\` becomes the \`$ref\` itself. Rewrites in place.
 */
const collapseSingleAllOf = (node: unknown): void => {
  if (Array.isArray(node)) return node.forEach(collapseSingleAllOf);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Json;
  Object.values(schema).forEach(collapseSingleAllOf);
  const allOf = schema['allOf'];
  if (!Array.isArray(allOf) || allOf.length !== 1) return;
  const only = allOf[0] as Json;
  if (typeof only['$ref'] !== 'string' || Object.keys(only).length !== 1) return;
  delete schema['allOf'];
  schema['$ref'] = only['$ref'];
};

const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'idempotency-key',
  in: 'header',
  required: false,
  description:
    'A repeat with the same key and the same request answers the first success again (status and body) for HOOKPORT_IDEMPOTENCY_KEY_HOURS (24 by default); the same key with another request answers 409. A repeat arriving while the first is still running waits up to 10 s for its answer, then answers 409.',
  schema: { type: 'string', minLength: 1, maxLength: 256 },
} as const;

/** Svix's `Idempotency-Key` is honoured on every POST of the management API: said once, here. */
const documentIdempotencyKeys = (document: OpenAPIObject): void => {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/v1/') || !item.post) continue;
    item.post.parameters = [...(item.post.parameters ?? []), IDEMPOTENCY_KEY_PARAMETER];
  }
};

/** The OpenAPI 3.1 document of every public route, generated from the controllers and DTOs. */
export const buildOpenApiDocument = (app: INestApplication, version: string): OpenAPIObject => {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Hookport API')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    .setLicense('UNLICENSED', 'https://hookport.dev/license')
    .addServer('/', 'The Hookport installation serving this document')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API key, or the admin key' },
      'apiKey',
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A portal session token' },
      'portalSession',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // The routes open without a credential (health, the code exchange that gives a portal its
  // first token) say so.
  for (const group of ROUTE_TABLE)
    for (const route of group.routes.filter((route) => isPublicRoute(group, route))) {
      const operation = document.paths[route.path]?.[lowerCase(route.method)];
      if (operation) operation.security = [];
    }
  documentIdempotencyKeys(document);
  toJsonSchemaNullability(document.components);
  toJsonSchemaNullability(document.paths);
  collapseSingleAllOf(document.components);
  collapseSingleAllOf(document.paths);
  for (const named of NAMED_ENUMS) {
    const schema = document.components?.schemas?.[named.enumName];
    if (schema) Object.assign(schema, named.enumSchema);
  }
  return document;
};
