import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { MANAGEMENT_SCOPES, type ManagementScope } from '@hookport/contracts';
import { NullAsAbsent, Optional } from '../common/optional';

/** `POST /api/v1/api-key`: a management API key for the operator's backends. */
export class ApiKeyIn {
  @NullAsAbsent()
  @IsString()
  @Length(1, 100)
  name!: string;

  /** `<area>:read` / `<area>:write`, or `*`; a key can only grant scopes its creator holds. */
  @NullAsAbsent()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MANAGEMENT_SCOPES.length)
  @IsIn(MANAGEMENT_SCOPES, { each: true })
  scopes!: ManagementScope[];

  /** 1 to 3650 days; without it the key lives until revoked. */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}
