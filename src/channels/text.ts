/** One splitting for every channel and the handoff: src/app/split-text.ts. */
export { MAX_MESSAGE_LENGTH, splitText } from '../app/split-text.js';
