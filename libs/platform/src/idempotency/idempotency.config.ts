import { ENCRYPTION_KEY_SETTINGS } from '../config/shared-settings';
import { defineSettings, settingsClass } from '../config/settings';

/** How long an `Idempotency-Key` answers repeats, in every service that owns a POST. */
export const IDEMPOTENCY_SETTINGS = defineSettings({
  HOOKPORT_IDEMPOTENCY_KEY_HOURS: {
    type: 'number',
    default: 24,
    min: 0.0001,
    max: 8760,
    description:
      'Hours a repeated `Idempotency-Key` answers the first success of a management POST; then it may be used anew.',
  },
  // Seals the kept answers at rest: some carry a secret shown once (an API key, a token).
  ...ENCRYPTION_KEY_SETTINGS,
});

export class IdempotencyConfig extends settingsClass(IDEMPOTENCY_SETTINGS) {}
