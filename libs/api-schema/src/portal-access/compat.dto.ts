import { IsArray, IsInt, IsString, Max, Min } from 'class-validator';
import { Optional } from '../common/optional';

/** Hook Mesh's portal token request. */
export class HookMeshPortalTokenIn {
  /** Seconds, 60 to 86,400 (default 3,600). */
  @Optional()
  @IsInt()
  @Min(60)
  @Max(86_400)
  expires_in?: number;

  /** `read` and/or `write` (default both). */
  @Optional()
  @IsArray()
  @IsString({ each: true })
  permissions?: string[];
}
