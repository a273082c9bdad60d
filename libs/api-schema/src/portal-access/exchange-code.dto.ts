import { IsString, Length, ValidateIf } from 'class-validator';

/** Either the one-time code of a session URL, or the token of a magic link or embed token. */
export class SessionExchangeIn {
  /** The one-time code from the portal URL's fragment. */
  @ValidateIf((body: SessionExchangeIn) => body.token === undefined)
  @IsString()
  @Length(16, 128)
  code?: string;

  /** A magic link's or embed token's token. */
  @ValidateIf((body: SessionExchangeIn) => body.code === undefined)
  @IsString()
  @Length(16, 200)
  token?: string;
}
