/**
 * The endpoints service's position for an application, as the gateway saw it when it resolved
 * the application: delivery waits for its endpoint copy to reach it before it reads endpoints
 * for the request (read-your-writes across services).
 */
export const APP_POSITION_HEADER = 'x-hookport-app-position';
