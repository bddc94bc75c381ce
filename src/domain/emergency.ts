/** The words of danger live in ./danger/; the engine keeps importing them from here. */
export { isEmergencyText } from './danger/index.js';
