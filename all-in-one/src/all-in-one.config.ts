// The all-in-one process hosts every service by design; nothing else may import a service.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ENDPOINTS_SETTINGS } from '@hookport/endpoints';
import {
  defineSettings,
  loadSettings,
  PROCESS_SETTINGS,
  settingsClass,
  SSRF_ALLOW_SETTINGS,
} from '@hookport/platform';

/**
 * What `npm start` reads itself. Besides its own data folder these are service settings with
 * another default: trying Hookport locally means a quiet log and delivering to local plain-http
 * receivers. Everything else goes through to the services' own tables.
 */
export const ALL_IN_ONE_SETTINGS = defineSettings({
  HOOKPORT_DATA_DIR: {
    type: 'string',
    default: '.hookport',
    description: 'Folder of the embedded database and the generated secrets (`secrets.json`).',
  },
  PORT: {
    type: 'integer',
    default: 3000,
    min: 0,
    max: 65535,
    description: "The gateway's port (the other services listen on free loopback ports).",
  },
  HOST: { ...PROCESS_SETTINGS.HOST, description: "The gateway's bind address." },
  HOOKPORT_LOG_LEVEL: { ...PROCESS_SETTINGS.HOOKPORT_LOG_LEVEL, default: 'warn' },
  HOOKPORT_ALLOW_HTTP: { ...ENDPOINTS_SETTINGS.HOOKPORT_ALLOW_HTTP, default: true },
  HOOKPORT_SSRF_ALLOW: { ...SSRF_ALLOW_SETTINGS.HOOKPORT_SSRF_ALLOW, default: '127.0.0.0/8' },
});

export class AllInOneConfig extends settingsClass(ALL_IN_ONE_SETTINGS) {}

export const loadAllInOneConfig = (env?: Record<string, string | undefined>) =>
  loadSettings(AllInOneConfig, env);
