import { Composer } from 'grammy';
import type { OperatorsContext } from '../context.js';
import { cannedComposer } from './canned.js';
import { casesComposer } from './cases.js';
import { commandsComposer } from './commands.js';
import type { OperatorsDeps } from './deps.js';
import { reassignComposer } from './reassign.js';
import { repliesComposer } from './replies.js';
import { resolveComposer } from './resolve.js';
import { takeComposer } from './take.js';
import { wizardComposer } from './wizard.js';

export type { CounsellorIntel, CounsellorTickets, OperatorsDeps, WizardStorage } from './deps.js';
export { isForum, telegramDesk } from './desk.js';
export { operatorsChatNow, rememberMovedChat } from './moved.js';
export { WIZARD_STEP_MS } from './resolve-wizard.js';

/**
 * Everything counsellors do in their chat, one Composer per feature: Take (atomic), Release and Reassign,
 * Resolve (the outcome, then a wizard written with @grammyjs/conversations: referral, follow-up, note),
 * replies to a person, canned replies, and the commands. Updates from any other chat never get here;
 * actions from anyone not in COUNSELLOR_IDS (when set) are refused. The order matters: the wizard's
 * plugin and /cancel come first, the catch-all for replies last.
 * `keySecret` (PERSON_KEY_SECRET) keys the wizard's state, so that no key names a counsellor.
 */
export function operatorsComposer(deps: OperatorsDeps, keySecret: string): Composer<OperatorsContext> {
  return new Composer<OperatorsContext>(
    wizardComposer(deps, keySecret),
    takeComposer(deps),
    resolveComposer(deps),
    casesComposer(deps),
    reassignComposer(deps),
    cannedComposer(deps),
    commandsComposer(deps),
    repliesComposer(deps),
  );
}
