import { ApiProperty } from '@nestjs/swagger';

/** Svix's `EventTypeOut`, with the example payload test sends use. */
export class EventTypeOut {
  /** @example "invoice.paid" */
  name!: string;

  /** @example "An invoice was paid" */
  description!: string;

  groupName!: string | null;

  /** JSON Schemas by version (`"1"`). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object' } })
  schemas!: Record<string, Record<string, unknown>>;

  /** The example payload of test sends. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  example!: unknown;

  deprecated!: boolean;

  archived!: boolean;

  createdAt!: string;

  updatedAt!: string;
}

export class EventTypeExportOut {
  @ApiProperty({ type: [EventTypeOut] })
  eventTypes!: EventTypeOut[];
}

export class EventTypeImportOut {
  /** Event types created. */
  created!: number;

  /** Event types updated. */
  updated!: number;
}
