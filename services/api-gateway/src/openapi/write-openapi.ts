import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { GatewayModule } from '../gateway.module';
import { buildOpenApiDocument } from './openapi-document';
import { API_VERSION } from './serve-openapi';

/**
 * Writes the OpenAPI document without running anything: Nest's preview mode scans modules and
 * controllers but creates no provider, so no Kafka, database or service is needed.
 * Usage: node services/api-gateway/dist/openapi/write-openapi.js <file>
 */
const main = async () => {
  const target = process.argv[2];
  if (!target) throw new Error('usage: write-openapi <file>');
  const app = await NestFactory.create(
    GatewayModule.forRoot({} as never, {} as never, {} as never),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  const document = buildOpenApiDocument(app, API_VERSION);
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
};

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
