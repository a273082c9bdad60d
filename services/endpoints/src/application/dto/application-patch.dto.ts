import { IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** Svix's `ApplicationPatch`: only the fields given change. */
export class ApplicationPatchDto {
  @IsOptional()
  @IsString()
  @Length(1, 256)
  name?: string;

  @IsOptional()
  @IsString()
  @Length(1, 256)
  @Matches(/^[a-zA-Z0-9\-_.]+$/, { message: 'uid may contain letters, digits, "-", "_" and "."' })
  uid?: string | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  rateLimit?: number | null;

  @IsOptional()
  @IsObject()
  metadata?: Record<string, string>;
}
