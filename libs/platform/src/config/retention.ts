import { IsInt, IsNumber, Max, Min } from 'class-validator';

/**
 * Retention settings of the services that purge history (delivery its messages, deliveries and
 * events; logs its messages, attempts and stats): one definition, so their defaults and bounds
 * cannot drift apart. A service's configuration class extends it.
 */
export class RetentionConfig {
  /** Days history is kept (fractions allowed). */
  @IsNumber()
  @Min(0.00001)
  @Max(36_500)
  HOOKPORT_RETENTION_DAYS: number = 90;

  /** Seconds between retention sweeps. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  HOOKPORT_RETENTION_SWEEP_SECONDS: number = 3600;
}
