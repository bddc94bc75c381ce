import { randomBytes } from 'node:crypto';

/** Unguessable (80 bits): a ticket id is also what the operators' buttons carry. */
export function newTicketId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  let id = '';
  for (const b of bytes) id += alphabet[b & 31];
  return id;
}
