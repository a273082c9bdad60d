import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface InstallationSecrets {
  adminApiKey: string;
  encryptionKey: string;
  jwtSecret: string;
  internalSecret: string;
}

const generate = (): InstallationSecrets => ({
  adminApiKey: `hp_admin_${randomBytes(24).toString('base64url')}`,
  encryptionKey: randomBytes(32).toString('base64url'),
  jwtSecret: randomBytes(32).toString('base64url'),
  internalSecret: randomBytes(32).toString('base64url'),
});

/**
 * The embedded installation's secrets, generated once and kept (mode 0600) beside its data:
 * the encryption key must survive restarts or stored signing secrets become unreadable.
 * Environment variables win over the file.
 */
export const loadInstallationSecrets = (
  dataDir: string,
  env: Record<string, string | undefined>,
): InstallationSecrets => {
  const file = join(dataDir, 'secrets.json');
  let secrets: InstallationSecrets;
  if (existsSync(file)) {
    secrets = JSON.parse(readFileSync(file, 'utf8')) as InstallationSecrets;
  } else {
    secrets = generate();
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return {
    adminApiKey: env['HOOKPORT_ADMIN_API_KEY'] ?? secrets.adminApiKey,
    encryptionKey: env['HOOKPORT_ENCRYPTION_KEY'] ?? secrets.encryptionKey,
    jwtSecret: env['HOOKPORT_JWT_SECRET'] ?? secrets.jwtSecret,
    internalSecret: env['HOOKPORT_INTERNAL_SECRET'] ?? secrets.internalSecret,
  };
};
