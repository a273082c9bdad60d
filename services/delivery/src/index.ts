export { createDeliveryService } from './delivery.service';
