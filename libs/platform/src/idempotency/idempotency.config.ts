import { IsNumber, IsString, Max, Min, MinLength } from 'class-validator';

/** How long an `Idempotency-Key` answers repeats, in every service that owns a POST. */
export class IdempotencyConfig {
  /** Hours a repeated `Idempotency-Key` answers the first request; then it may be used anew. */
  @IsNumber()
  @Min(0.0001)
  @Max(8760)
  HOOKPORT_IDEMPOTENCY_KEY_HOURS: number = 24;

  /** Seals the kept answers at rest: some carry a secret shown once (an API key, a token). */
  @IsString()
  @MinLength(16)
  HOOKPORT_ENCRYPTION_KEY!: string;
}
