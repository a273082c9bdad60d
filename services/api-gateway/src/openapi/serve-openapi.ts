import { SwaggerModule } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildOpenApiDocument } from './openapi-document';

/** The API's version in the document: bump it with every change to the public contract. */
export const API_VERSION = '1.0.0';

/** Serves the document at `/openapi.json` and a browsable reference at `/docs`; no credentials. */
export const serveOpenApi = (app: NestFastifyApplication) => {
  const document = buildOpenApiDocument(app, API_VERSION);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'Hookport API',
  });
};
