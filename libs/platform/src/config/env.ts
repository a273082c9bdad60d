import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Reads and validates a service's configuration class from the environment once, at boot.
 * Nothing else in a service reads `process.env`.
 */
export const loadConfig = <T extends object>(
  type: new () => T,
  env: Record<string, string | undefined> = process.env,
): T => {
  const config = plainToInstance(type, env, {
    enableImplicitConversion: true,
    excludeExtraneousValues: false,
  });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (error) => `  ${error.property}: ${Object.values(error.constraints ?? {}).join(', ')}`,
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
};

/** Parses `a,b,c` lists from the environment. */
export const splitList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
