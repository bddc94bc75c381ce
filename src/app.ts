// Moved to src/infra/dialogue-deps.ts; this path stays for code on other branches (src/tools) until they
// import the new one. Delete once nothing imports it.
export * from './infra/dialogue-deps.js';
