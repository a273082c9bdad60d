import { applyDecorators } from '@nestjs/common';
import { Expose, Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';

/**
 * An explicit `null` for a field that cannot hold one is read as the field left out, as Svix's
 * server does: a required field then fails its own validation (422), a PATCH leaves it as it is,
 * and no null reaches a column that cannot hold it.
 */
export const NullAsAbsent = () =>
  Transform(({ value }: { value: unknown }) => (value === null ? undefined : value));

/** An optional field that holds no null: `null` is the same as leaving it out. */
export const Optional = () => applyDecorators(NullAsAbsent(), IsOptional());

/**
 * Accepts a field also under another name (Svix 2.x renamed `filterTypes` to `eventTypes` and
 * `rateLimit` to `throttleRate`; its server takes both, the new name winning). The other name's
 * value is validated as this field; handlers see one name only.
 */
export const AlsoNamed = (alias: string) =>
  applyDecorators(
    Expose(),
    Transform(({ value, obj }: { value: unknown; obj: Record<string, unknown> }) =>
      obj[alias] !== undefined ? obj[alias] : value,
    ),
  );
