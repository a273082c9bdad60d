import { IsInt, IsNumber, Max, Min } from 'class-validator';

/**
 * How long history is kept: read by the services that purge it (delivery, logs) and by the one
 * that tells portal users (portal-session). One definition, so that their defaults and bounds
 * cannot drift apart.
 */
export class RetentionPeriodConfig {
  /** Days history is kept (fractions allowed). */
  @IsNumber()
  @Min(0.00001)
  @Max(36_500)
  HOOKPORT_RETENTION_DAYS: number = 90;
}

/**
 * Retention settings of the services that purge history (delivery its messages, deliveries and
 * events; logs its messages, attempts and stats). A service's configuration class extends it.
 */
export class RetentionConfig extends RetentionPeriodConfig {
  /** Seconds between retention sweeps. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  HOOKPORT_RETENTION_SWEEP_SECONDS: number = 3600;
}
