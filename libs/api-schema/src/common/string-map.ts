import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

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
