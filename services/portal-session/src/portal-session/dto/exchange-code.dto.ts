import { IsString, Length } from 'class-validator';

export class ExchangeCodeDto {
  /** The one-time code from the portal URL's fragment. */
  @IsString()
  @Length(16, 128)
  code!: string;
}
