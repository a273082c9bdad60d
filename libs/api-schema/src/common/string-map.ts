import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { UID_PATTERN } from '@hookport/contracts';

export interface StringMapLimits {
  maxEntries: number;
  maxKeyLength: number;
  maxValueLength: number;
}

/**
 * An object of string values (metadata and the like), within limits: `Record<string, string>`
 * says so to TypeScript only, and `@IsObject()` let any value through, which then came back in
 * answers whose documented schema says "string".
 */
export const IsStringMap = (limits: StringMapLimits, options?: ValidationOptions) =>
  function (target: object, property: string) {
    registerDecorator({
      name: 'isStringMap',
      target: target.constructor,
      propertyName: property,
      options,
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return (
            entries.length <= limits.maxEntries &&
            entries.every(
              ([key, item]) =>
                key.length > 0 &&
                key.length <= limits.maxKeyLength &&
                typeof item === 'string' &&
                item.length <= limits.maxValueLength,
            )
          );
        },
        defaultMessage(args: ValidationArguments): string {
          return (
            `${args.property} takes at most ${limits.maxEntries} string values, keys of 1 to ` +
            `${limits.maxKeyLength} characters, values up to ${limits.maxValueLength}`
          );
        },
      },
    });
  };

/** Applications' and endpoints' metadata. */
export const RESOURCE_METADATA: StringMapLimits = {
  maxEntries: 50,
  maxKeyLength: 256,
  maxValueLength: 1_000,
};

/** An endpoint's custom headers (names and values are checked further by the endpoints service). */
export const CUSTOM_HEADERS: StringMapLimits = {
  maxEntries: 50,
  maxKeyLength: 256,
  maxValueLength: 4_096,
};

/**
 * Channels, on an endpoint (which it receives) and on a message (where it goes): Svix's alphabet
 * (letters, digits, `-`, `_`, `.`) and at most 128 characters each, 10 at most. One rule for
 * both sides, so that an endpoint can never wait for a channel no message can carry.
 */
export const IsChannels = () =>
  applyDecorators(
    IsOptional(),
    IsArray(),
    ArrayMaxSize(10),
    IsString({ each: true }),
    Length(1, 128, { each: true }),
    Matches(UID_PATTERN, {
      each: true,
      message: 'each channel may contain letters, digits, "-", "_" and "." (128 at most)',
    }),
  );
