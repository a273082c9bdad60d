import {
  defineSettings,
  ENCRYPTION_KEY_SETTINGS,
  HTTP_SERVER_SETTINGS,
  loadSettings,
  portSetting,
  RETENTION_SETTINGS,
  settingsClass,
} from '@hookport/platform';

/** Every setting the logs service reads, validated at boot (docs/configuration.md). */
export const LOGS_SETTINGS = defineSettings({
  ...portSetting('logs', 3004),
  // Opens the sealed custom-header values of attempt records for readers of secrets.
  ...ENCRYPTION_KEY_SETTINGS,
  ...RETENTION_SETTINGS,
  ...HTTP_SERVER_SETTINGS,
});

export class LogsConfig extends settingsClass(LOGS_SETTINGS) {}

export const loadLogsConfig = (env?: Record<string, string | undefined>) =>
  loadSettings(LogsConfig, env);
