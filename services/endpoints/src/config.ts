import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { loadConfig } from '@hookport/platform';

// Reads the raw environment string: implicit conversion would turn "false" into true.
const toBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }) =>
  obj[key] === true || obj[key] === 'true' || obj[key] === '1';

/** The endpoints service's settings, validated at boot. Defaults are documented in the README. */
export class EndpointsConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3002;

  /** Key that encrypts signing secrets at rest and in events. */
  @IsString()
  @MinLength(16)
  HOOKPORT_ENCRYPTION_KEY!: string;

  /** Allow plain-http endpoint URLs (development and tests only). */
  @Transform(toBoolean)
  @IsBoolean()
  HOOKPORT_ALLOW_HTTP: boolean = false;

  @IsOptional()
  @IsString()
  HOOKPORT_SSRF_ALLOW: string = '';
}

export const loadEndpointsConfig = (env?: Record<string, string | undefined>) =>
  loadConfig(EndpointsConfig, env);
