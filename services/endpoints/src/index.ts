export { createEndpointsService } from './endpoints.service';
