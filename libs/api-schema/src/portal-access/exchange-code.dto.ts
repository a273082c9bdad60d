import { IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { UID_MAX_LENGTH, UID_PATTERN } from '@hookport/contracts';
import { NullAsAbsent, Optional } from '../common/optional';

/** Either the one-time code of a session URL, or the token of a magic link or embed token. */
export class SessionExchangeIn {
  /** The one-time code from the portal URL's fragment. */
  @NullAsAbsent()
  @ValidateIf((body: SessionExchangeIn) => body.token === undefined)
  @IsString()
  @Length(16, 128)
  code?: string;

  /** A magic link's or embed token's token. */
  @NullAsAbsent()
  @ValidateIf((body: SessionExchangeIn) => body.code === undefined)
  @IsString()
  @Length(16, 200)
  token?: string;

  /**
   * The application the portal page was opened for (its `?app=`), which chose the origins that
   * may frame the page: a code or token of another application is refused, unspent.
   */
  @Optional()
  @IsString()
  @MaxLength(UID_MAX_LENGTH)
  @Matches(UID_PATTERN, { message: 'app must be an application id' })
  app?: string;
}

/** Internal: the app-portal-access token (or magic link or embed token) Svix's logout ends. */
export class LogoutTokenIn {
  @IsString()
  @Length(1, 2048)
  token!: string;
}
