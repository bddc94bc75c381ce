// The delivery contract between the channels and the handoff is the application's (src/app/ports.ts).
export { DeliveryError, type DeliveryFailure, type PersonSender } from '../app/ports.js';
