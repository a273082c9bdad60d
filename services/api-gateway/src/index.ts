export { createGatewayService } from './gateway.service';
export { GATEWAY_SETTINGS } from './config';
