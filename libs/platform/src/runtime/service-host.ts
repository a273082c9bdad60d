import { APP_GUARD, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Provider } from '@nestjs/common';
import { InternalPrincipalGuard } from '../security/principal';
import { Database } from '../database/database';
import { runMigrations, type Migration } from '../database/migrations';
import { ProcessConfig } from '../config/process-settings';
import { loadSettings } from '../config/settings';
import { runtimeFromEnv, type ServiceRuntime } from './runtime';

/** A service assembled and ready to listen: what main.ts and the all-in-one process start. */
export interface HostedService {
  name: string;
  app: NestFastifyApplication;
  port: number;
  /** Background work (relays, consumers, dispatchers), started after the HTTP app is created. */
  startWorkers(): Promise<void>;
  /** Stops intake, drains in-flight work, then closes connections. */
  stop(): Promise<void>;
}

export type ServiceFactory = (
  runtime: ServiceRuntime,
  env: Record<string, string | undefined>,
) => Promise<HostedService>;

/** The guard that lets only gateway-signed calls into a service. */
export const internalGuardProvider = (secret: string): Provider => ({
  provide: APP_GUARD,
  useFactory: (reflector: Reflector) => new InternalPrincipalGuard(reflector, secret),
  inject: [Reflector],
});

/** Runs one service as its own process, on Postgres and Kafka, until SIGTERM. */
export const runServiceProcess = async (
  name: string,
  factory: ServiceFactory,
  options: { usesDatabase?: boolean; migrations?: Migration[] } = {},
): Promise<void> => {
  // `--migrate-only`: apply this service's migrations and exit (the Helm chart's migration Job).
  if (process.argv.includes('--migrate-only')) {
    const url = loadSettings(ProcessConfig).DATABASE_URL;
    if (!url || !options.migrations) throw new Error(`${name}: DATABASE_URL and migrations needed`);
    const db = new Database({ url, poolSize: 1, applicationName: `hookport-${name}-migrate` });
    await db.connect();
    const applied = await runMigrations(db, name, options.migrations);
    await db.close();
    console.log(JSON.stringify({ service: name, migrationsApplied: applied }));
    process.exit(0);
  }
  const runtime = await runtimeFromEnv({ service: name, usesDatabase: options.usesDatabase });
  const service = await factory(runtime, process.env);
  await service.startWorkers();
  const host = loadSettings(ProcessConfig).HOST;
  await service.app.listen({ port: service.port, host });
  runtime.logger.info({ port: service.port, host }, `${name} listening`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, `${name} shutting down`);
    const deadline = setTimeout(() => process.exit(1), 25_000);
    deadline.unref();
    try {
      await service.stop();
      await runtime.bus.close();
      if (options.usesDatabase !== false) await runtime.db.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
};
