import type { Type } from '@nestjs/common';
import { createValidationPipe } from '@hookport/platform';

const pipe = createValidationPipe();

/** A body the gateway itself reads, validated as the services' pipe validates theirs (422). */
export const validated = async <T>(type: Type<T>, value: unknown): Promise<T> =>
  (await pipe.transform(value, { type: 'body', metatype: type })) as T;
