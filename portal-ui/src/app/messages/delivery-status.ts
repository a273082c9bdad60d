import type { MessageKey } from '../i18n/messages.en';
import type { DeliveryStateOut } from '@hookport/client/types';

export type DeliveryStatus = DeliveryStateOut['status'];

/** The word shown in a delivery's status badge (colour only ever repeats it). */
export function deliveryStatusLabel(status: DeliveryStatus): MessageKey {
  switch (status) {
    case 'pending':
      return 'delivery.status.pending';
    case 'succeeded':
      return 'delivery.status.succeeded';
    case 'failed':
      return 'delivery.status.failed';
    case 'retrying':
      return 'delivery.status.retrying';
    case 'canceled':
      return 'delivery.status.canceled';
  }
}
