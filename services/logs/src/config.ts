import { IsInt, Max, Min } from 'class-validator';
import { loadConfig, RetentionConfig } from '@hookport/platform';

/** The logs service's settings, validated at boot. Defaults are documented in the README. */
export class LogsConfig extends RetentionConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3004;
}

export const loadLogsConfig = (env?: Record<string, string | undefined>) =>
  loadConfig(LogsConfig, env);
