import { IsObject } from 'class-validator';

/** Svix's `EndpointHeadersIn` (PUT: replaces all) and `EndpointHeadersPatchIn` (PATCH: merges; null removes). */
export class EndpointHeadersIn {
  @IsObject()
  headers!: Record<string, string | null>;
}
