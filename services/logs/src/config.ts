import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { loadConfig, RetentionConfig } from '@hookport/platform';

/** The logs service's settings, validated at boot. Defaults are documented in the README. */
export class LogsConfig extends RetentionConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3004;

  /** Opens the sealed custom-header values of attempt records for readers of secrets. */
  @IsString()
  @MinLength(16)
  HOOKPORT_ENCRYPTION_KEY!: string;
}

export const loadLogsConfig = (env?: Record<string, string | undefined>) =>
  loadConfig(LogsConfig, env);
