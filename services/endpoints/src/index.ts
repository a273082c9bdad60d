export { createEndpointsService } from './endpoints.service';
export { ENDPOINTS_SETTINGS } from './config';
