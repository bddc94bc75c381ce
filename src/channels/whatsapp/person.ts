import { type PersonKey, personKeyId } from '../../domain/person.js';

export const WHATSAPP_CHANNEL = 'wa';

/**
 * A WhatsApp person. The `wa_id` is their phone number, so the key is a keyed hash of it (phone numbers
 * are kept only with consent), with the app secret, as WhatsApp's keys have been made from the start; the
 * number itself is only the address messages are sent to. A person who adopted a username and hides
 * their number arrives with a business-scoped user id instead (`KZ.1349…`): keyed and addressed the same
 * way (the sender tells the two apart when it sends).
 */
export function whatsappPerson(waId: string, key: string): PersonKey {
  return { channel: WHATSAPP_CHANNEL, id: personKeyId(key, waId), address: waId };
}
