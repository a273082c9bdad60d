export { createDeliveryService } from './delivery.service';
export { DELIVERY_SETTINGS } from './config';
