/**
 * The dialogue: one pure step from a person's state and what they sent to the new state, the replies and
 * the effects (engine.ts). What other layers may use of it is exported here.
 */
export { type ButtonData, decodeButton, encodeButton } from './buttons.js';
export { newPerson } from './context.js';
export { handle } from './engine.js';
export { SKIPPED } from './request.js';
export { emergencyBlock, hotlineText, shortTicket } from './texts.js';
export type {
  Choice,
  ContactMode,
  DialogueDeps,
  Effect,
  Input,
  MediaRef,
  MessageMarks,
  Meta,
  PersonState,
  PictureText,
  Pressed,
  RelayedMedia,
  Reply,
  StatEvent,
  TicketRequest,
  Translate,
  Turn,
} from './types.js';
