import 'reflect-metadata';
import { runServiceProcess } from '@hookport/platform';
import { DELIVERY_MIGRATIONS } from './migrations';
import { createDeliveryService } from './delivery.service';

void runServiceProcess('delivery', createDeliveryService, { migrations: DELIVERY_MIGRATIONS });
