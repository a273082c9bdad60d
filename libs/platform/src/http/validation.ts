import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@hookport/contracts';
import { HookportError } from './hookport-error';

const flatten = (errors: ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });

/**
 * Every route validates its input; failures are 422 problem+json with one entry per field, which
 * says where a field that is not in the body is (Svix's `loc` needs it).
 * Fields a route does not know are dropped, not refused, as Svix's server does: an SDK newer
 * than the server (adding an optional field) must not break an operator's calls.
 */
class HookportValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const place = metadata.type === 'query' ? 'query' : metadata.type === 'param' ? 'path' : null;
      if (place && error instanceof HookportError && error.fieldErrors)
        for (const fieldError of error.fieldErrors) fieldError.in = place;
      throw error;
    }
  }
}

export const createValidationPipe = () =>
  new HookportValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: false,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new HookportError(
        'validation',
        `Invalid request: ${fieldErrors.map((error) => error.field).join(', ')}`,
        fieldErrors,
      );
    },
  });
