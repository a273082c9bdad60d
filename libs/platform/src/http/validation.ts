import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@hookport/contracts';
import { HookportError } from './hookport-error';

const flatten = (errors: ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** Every route validates its input; failures are 422 problem+json with one entry per field. */
export const createValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
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
