export * from './tenancy.ts';
export * from './platform.ts';
export * from './identity.ts';
export * from './plugins.ts';
export * from './audit.ts';
