export * from './schema';
export * from './errors';
export * from './commands';
export * from './projection';
export * from './doc';
export * from './exchange';
export * from './org-schema';
export * from './org-commands';
