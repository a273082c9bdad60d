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
