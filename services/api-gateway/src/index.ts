export { createGatewayService } from './gateway.service';
