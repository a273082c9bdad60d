import { IsInt, Matches, Max, Min } from 'class-validator';
import { Optional } from '../common/optional';

/** Svix's `EndpointSecretRotateIn`, with Hookport's grace period. */
export class EndpointSecretRotateIn {
  /** The new secret; generated when omitted. */
  @Optional()
  @Matches(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, {
    message: 'key must be whsec_ followed by base64',
  })
  key?: string;

  /** How long the previous secret keeps verifying: 0 to 7 days, default 24 h. */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  gracePeriodSeconds?: number;
}
