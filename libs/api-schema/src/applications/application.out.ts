import { ApiProperty } from '@nestjs/swagger';

/** Svix's `ApplicationOut`. */
export class ApplicationOut {
  /** @example "app_01JD1W4M8QZ7N6X2Y3V4T5S6R7" */
  id!: string;

  /** The operator's own identifier. @example "customer-42" */
  uid!: string | null;

  /** @example "Acme Corp" */
  name!: string;

  /** Deliveries per second across the application's endpoints. */
  rateLimit!: number | null;

  /** Svix 2.x's name of `rateLimit`, the same value. */
  throttleRate!: number | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  metadata!: Record<string, string>;

  /** @example "2026-11-23T09:00:00.000Z" */
  createdAt!: string;

  /** @example "2026-11-23T09:00:00.000Z" */
  updatedAt!: string;
}
