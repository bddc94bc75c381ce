import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CannedReply,
  parseCannedReplies,
  parseReferrals,
  type Referral,
} from '../domain/handoff/desk-content.js';
import { FLOWS_DIR } from './content.js';

/** The canned replies counsellors send (flows/desk/replies.yaml). */
export const CANNED_REPLIES = join(FLOWS_DIR, 'desk', 'replies.yaml');
/** The organisations a request may be referred to when it is closed (flows/desk/referrals.yaml). */
export const REFERRALS = join(FLOWS_DIR, 'desk', 'referrals.yaml');

/** Reads and checks the canned replies; throws with every problem listed. */
export function loadCannedReplies(path: string = CANNED_REPLIES): CannedReply[] {
  return parseCannedReplies(readFileSync(path, 'utf8'), 'flows/desk/replies.yaml');
}

/** Reads and checks the referral organisations; throws with every problem listed. */
export function loadReferrals(path: string = REFERRALS): Referral[] {
  return parseReferrals(readFileSync(path, 'utf8'), 'flows/desk/referrals.yaml');
}
