import { ApiProperty } from '@nestjs/swagger';

/** Svix's `EndpointOut`. */
export class EndpointOut {
  /** @example "ep_01JD1W4M8QZ7N6X2Y3V4T5S6R7" */
  id!: string;

  uid!: string | null;

  /** @example "https://api.customer.example/webhooks" */
  url!: string;

  /** @example "Production" */
  description!: string;

  version!: number;

  /** Event types it receives; all when null. @example ["invoice.paid"] */
  filterTypes!: string[] | null;

  /** Svix 2.x's name of `filterTypes`, the same value. @example ["invoice.paid"] */
  eventTypes!: string[] | null;

  /** Channels it receives; all when null. */
  channels!: string[] | null;

  /** Deliveries per second to it. */
  rateLimit!: number | null;

  /** Svix 2.x's name of `rateLimit`, the same value. */
  throttleRate!: number | null;

  disabled!: boolean;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  metadata!: Record<string, string>;

  /** @example "2026-11-23T09:00:00.000Z" */
  createdAt!: string;

  /** @example "2026-11-23T09:00:00.000Z" */
  updatedAt!: string;
}

/** Svix's `EndpointSecretOut`. */
export class EndpointSecretOut {
  /** The signing secret. @example "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" */
  key!: string;
}

/** Svix's `EndpointHeadersOut`. */
export class EndpointHeadersOut {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'X-Customer': 'acme' },
  })
  headers!: Record<string, string>;

  /** Names of headers whose values are hidden (none: Hookport shows them all). */
  sensitive!: string[];
}

/** An endpoint's circuit breaker and health; an endpoint not listed is closed and healthy. */
export class EndpointHealthOut {
  endpointId!: string;

  @ApiProperty({ type: String, enum: ['closed', 'open', 'half-open'] })
  circuit!: 'closed' | 'open' | 'half-open';

  /** When an open circuit lets its next probe through. */
  nextProbeAt!: string | null;

  consecutiveFailures!: number;

  @ApiProperty({ type: String, enum: ['healthy', 'failing', 'disabled'] })
  health!: 'healthy' | 'failing' | 'disabled';

  healthReason!: string | null;
}

export class EndpointHealthListOut {
  @ApiProperty({ type: [EndpointHealthOut] })
  data!: EndpointHealthOut[];
}
