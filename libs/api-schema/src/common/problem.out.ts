import { ApiProperty } from '@nestjs/swagger';
import {
  ERROR_CODES,
  type ErrorCode,
  type FieldError,
  type ProblemDetails,
} from '@hookport/contracts';

export class FieldErrorOut implements FieldError {
  /** The offending field, dotted for nested ones. @example "url" */
  field!: string;

  /** What is wrong with it. @example "url must be a URL address" */
  message!: string;

  /** Where the field is when not in the body. */
  @ApiProperty({ type: String, enum: ['query', 'path'], required: false })
  in?: 'query' | 'path';
}

/** RFC 9457 problem details (`application/problem+json`), as every error is answered. */
export class Problem implements ProblemDetails {
  /** @example "https://hookport.dev/problems/validation" */
  type!: string;

  /** @example "Validation failed" */
  title!: string;

  /** @example 422 */
  status!: number;

  /** @example "Invalid request: url" */
  detail!: string;

  /** A stable machine-readable code. */
  @ApiProperty({ type: String, enum: Object.keys(ERROR_CODES), example: 'validation' })
  code!: ErrorCode;

  /** One entry per invalid field (validation errors only). */
  errors?: FieldErrorOut[];
}

/** Svix's `ValidationError`: where (`["body", "url"]`) and what. */
export class SvixValidationErrorOut {
  /** @example ["body", "url"] */
  loc!: string[];

  /** @example "url must be a URL address" */
  msg!: string;

  /** @example "value_error" */
  type!: string;
}

/**
 * The management API's 422: problem details whose `detail` is Svix's list of field errors (its
 * SDKs parse it so), with Hookport's `errors` beside it.
 */
export class SvixValidationProblem {
  /** @example "https://hookport.dev/problems/validation" */
  type!: string;

  /** @example "Validation failed" */
  title!: string;

  /** @example 422 */
  status!: number;

  @ApiProperty({ type: [SvixValidationErrorOut] })
  detail!: SvixValidationErrorOut[];

  @ApiProperty({ type: String, enum: ['validation'], example: 'validation' })
  code!: 'validation';

  /** One entry per invalid field. */
  errors?: FieldErrorOut[];
}
