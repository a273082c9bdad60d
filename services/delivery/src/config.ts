import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { loadConfig, RetentionConfig } from '@hookport/platform';
import { SIGNATURE_HEADER_STYLES, type SignatureHeaderStyle } from './dispatch/signature';

/** The delivery service's settings, validated at boot. Defaults are documented in the README. */
export class DeliveryConfig extends RetentionConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3003;

  @IsString()
  @MinLength(16)
  HOOKPORT_ENCRYPTION_KEY!: string;

  /** Largest accepted message payload, in bytes (answered with 413 beyond). */
  @IsInt()
  @Min(1024)
  HOOKPORT_MAX_PAYLOAD_BYTES: number = 256 * 1024;

  /** Per-attempt timeout for the endpoint's answer. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  HOOKPORT_DELIVERY_TIMEOUT_MS: number = 15_000;

  /** Seconds before each attempt: the first is the immediate one. */
  @IsString()
  @Matches(/^\s*\d+(\s*,\s*\d+)*\s*$/, { message: 'a comma-separated list of seconds' })
  HOOKPORT_RETRY_SCHEDULE: string = '0,5,300,1800,7200,18000,36000,36000';

  /** Deliveries in flight at once in this process. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  HOOKPORT_DELIVERY_CONCURRENCY: number = 256;

  @IsOptional()
  @IsString()
  HOOKPORT_SSRF_ALLOW: string = '';

  /** Consecutive failures that open an endpoint's circuit breaker. */
  @IsInt()
  @Min(1)
  @Max(1000)
  HOOKPORT_CIRCUIT_FAILURE_THRESHOLD: number = 5;

  /** Seconds an open circuit waits before a probe (doubled after each failed probe, up to 10 min). */
  @IsInt()
  @Min(1)
  @Max(3600)
  HOOKPORT_CIRCUIT_COOLDOWN_SECONDS: number = 30;

  /** Deliveries in flight to one endpoint at once, per process: a slow endpoint takes no more. */
  @IsInt()
  @Min(1)
  @Max(1000)
  HOOKPORT_ENDPOINT_CONCURRENCY: number = 20;

  /** An endpoint whose every attempt failed for this long is disabled (hours; fractions allowed). */
  @IsNumber()
  @Min(0.0001)
  @Max(8760)
  HOOKPORT_DISABLE_AFTER_HOURS: number = 120;

  /** Signature headers on deliveries: `webhook-*` (Standard Webhooks), `svix-*`, or both. */
  @IsIn(SIGNATURE_HEADER_STYLES)
  HOOKPORT_SIGNATURE_HEADERS: SignatureHeaderStyle = 'both';
}

export const loadDeliveryConfig = (env?: Record<string, string | undefined>) =>
  loadConfig(DeliveryConfig, env);

export const retryScheduleSeconds = (config: DeliveryConfig): number[] =>
  config.HOOKPORT_RETRY_SCHEDULE.split(',').map((item) => Number(item.trim()));
