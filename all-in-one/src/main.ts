import 'reflect-metadata';
import { chmodSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
// The all-in-one process hosts every service by design; nothing else may import a service.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createGatewayService } from '@hookport/api-gateway';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createDeliveryService } from '@hookport/delivery';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createEndpointsService } from '@hookport/endpoints';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createLogsService } from '@hookport/logs';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createPortalSessionService } from '@hookport/portal-session';
import {
  createLogger,
  Database,
  embeddedRuntime,
  InProcessEventBus,
  type HostedService,
  type ServiceFactory,
} from '@hookport/platform';
import { loadAllInOneConfig } from './all-in-one.config';
import { startDemoReceiver } from './demo-receiver';
import { startEmbeddedDatabase } from './embedded-database';
import { loadInstallationSecrets } from './installation-secrets';
import { seedDemo } from './seed-demo';

const env = process.env;

/**
 * Hookport in one process: every service module, PGlite instead of PostgreSQL and an
 * in-process event transport instead of Kafka. For trying Hookport in a minute.
 */
const main = async () => {
  const started = performance.now();
  const config = loadAllInOneConfig(env);
  const logger = createLogger('hookport', config.HOOKPORT_LOG_LEVEL);
  const dataDir = resolve(config.HOOKPORT_DATA_DIR);
  // The data folder holds the installation's secrets and database: the user's alone, whatever
  // the shell's umask (PGlite writes its files with the process's).
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const secrets = loadInstallationSecrets(dataDir, env);
  const database = await startEmbeddedDatabase(resolve(dataDir, 'pgdata'));
  const db = new Database({ url: database.url, poolSize: 1, applicationName: 'hookport' });
  await db.connect();
  const bus = new InProcessEventBus();
  const gatewayPort = config.PORT;
  const publicUrl = env['HOOKPORT_PUBLIC_URL'] ?? `http://127.0.0.1:${gatewayPort}`;
  const receiver = await startDemoReceiver();
  const baseEnv: Record<string, string | undefined> = {
    ...env,
    PORT: '0',
    HOOKPORT_ADMIN_API_KEY: secrets.adminApiKey,
    HOOKPORT_ENCRYPTION_KEY: secrets.encryptionKey,
    HOOKPORT_JWT_SECRET: secrets.jwtSecret,
    HOOKPORT_PUBLIC_URL: publicUrl,
    HOOKPORT_ALLOW_HTTP: String(config.HOOKPORT_ALLOW_HTTP),
    HOOKPORT_SSRF_ALLOW: config.HOOKPORT_SSRF_ALLOW,
  };
  const runtimeOf = (name: string) =>
    embeddedRuntime(name, { db, bus, internalSecret: secrets.internalSecret, logger });

  const hosted: HostedService[] = [];
  const listenInternal = async (name: string, factory: ServiceFactory) => {
    const service = await factory(runtimeOf(name), baseEnv);
    await service.app.listen({ port: 0, host: '127.0.0.1' });
    hosted.push(service);
    const { port } = service.app.getHttpServer().address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  };
  const endpointsUrl = await listenInternal('endpoints', createEndpointsService);
  const deliveryUrl = await listenInternal('delivery', createDeliveryService);
  const logsUrl = await listenInternal('logs', createLogsService);
  const portalSessionUrl = await listenInternal('portal-session', createPortalSessionService);
  const gateway = await createGatewayService(runtimeOf('api-gateway'), {
    ...baseEnv,
    PORT: String(gatewayPort),
    HOOKPORT_ENDPOINTS_URL: endpointsUrl,
    HOOKPORT_DELIVERY_URL: deliveryUrl,
    HOOKPORT_LOGS_URL: logsUrl,
    HOOKPORT_PORTAL_SESSION_URL: portalSessionUrl,
  });
  hosted.push(gateway);
  // Every consumer subscribes before any relay publishes, as separate processes would.
  for (const service of hosted) await service.startWorkers();
  await gateway.app.listen({ port: gatewayPort, host: config.HOST });

  const { portalUrl, opensUntil, created, endpointNote } = await seedDemo(
    publicUrl,
    secrets.adminApiKey,
    receiver.url,
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const until = new Date(opensUntil).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
  process.stdout.write(
    [
      '',
      `Hookport is running (all-in-one, ready in ${seconds} s; data in ${dataDir})`,
      '',
      `  Gateway        ${publicUrl}`,
      `  Admin API key  ${secrets.adminApiKey}`,
      `  Portal (demo)  ${portalUrl}`,
      `                 (opens once, until ${until}; restart for a new link)`,
      '',
      created
        ? '  A demo application "demo" was created with one endpoint and one message.'
        : '  The demo application "demo" is here from an earlier run.',
      ...(endpointNote ? [`  ${endpointNote}`] : []),
      `  Try: curl -X POST ${publicUrl}/api/v1/app/demo/msg \\`,
      `         -H "Authorization: Bearer ${secrets.adminApiKey}" -H "content-type: application/json" \\`,
      `         -d '{"eventType":"invoice.paid","payload":{"amount":1}}'`,
      '',
      '  Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    for (const service of [...hosted].reverse()) await service.stop().catch(() => undefined);
    receiver.server.close();
    await bus.close();
    await db.close();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
};

main().catch((error: unknown) => {
  process.stderr.write(
    `Hookport failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
