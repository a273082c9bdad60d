import 'reflect-metadata';
import { runServiceProcess } from '@hookport/platform';
import { createDeliveryService } from './delivery.service';

void runServiceProcess('delivery', createDeliveryService);
