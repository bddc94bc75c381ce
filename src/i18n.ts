// Moved to src/infra/i18n.ts; this path stays for code on other branches (src/tools, test/helpers) until
// they import the new one. Delete once nothing imports it.
export * from './infra/i18n.js';
