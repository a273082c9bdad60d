import { describe, expect, it } from 'vitest';

import { messagesEn } from '../i18n/messages.en';
import { messagesFr } from '../i18n/messages.fr';
import { translate } from '../i18n/translate';
import { deliveryStatusLabel, type DeliveryStatus } from './delivery-status';

const STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed', 'retrying', 'canceled'];

describe('deliveryStatusLabel', () => {
  it.each(STATUSES)('shows the word "%s" in the English badge', (status) => {
    expect(translate(messagesEn, deliveryStatusLabel(status))).toBe(status);
  });

  it('gives each status its own French word', () => {
    const words = STATUSES.map((status) => translate(messagesFr, deliveryStatusLabel(status)));
    expect(new Set(words).size).toBe(STATUSES.length);
    expect(translate(messagesFr, deliveryStatusLabel('succeeded'))).toBe('réussie');
  });
});
