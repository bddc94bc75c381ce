// Moved to src/infra/logger.ts; this path stays for code on other branches (src/tools, test/helpers) until
// they import the new one. Delete once nothing imports it.
export * from './infra/logger.js';
