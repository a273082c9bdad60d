import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { loadConfig, RetentionConfig } from '@hookport/platform';

/** The logs service's settings, validated at boot. Defaults are documented in the README. */
export class LogsConfig extends RetentionConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3004;

  /**
   * How long the projection remembers which events it consumed (hours; fractions allowed). It
   * guards against Kafka redelivering a batch, which happens within minutes; the sweep forgets
   * older entries so the table does not grow with every event ever projected.
   */
  @IsNumber()
  @Min(0.0001)
  @Max(87_600)
  HOOKPORT_INBOX_RETENTION_HOURS: number = 168;
}

export const loadLogsConfig = (env?: Record<string, string | undefined>) =>
  loadConfig(LogsConfig, env);
