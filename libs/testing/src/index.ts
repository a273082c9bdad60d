export * from './eventually';
export * from './test-database';
export * from './http-receiver';
export * from './service-stack';
export * from './api-client';
export * from './browser';
export * from './free-port';
export * from './repo-root';
