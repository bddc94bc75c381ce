import {
  type ConversationData,
  conversations,
  createConversation,
  type VersionedState,
} from '@grammyjs/conversations';
import { Composer, type Context } from 'grammy';
import { wizardKeyId } from '../../../store/keys.js';
import type { OperatorsContext } from '../context.js';
import { type OperatorsDeps, threadOf } from './deps.js';
import { RESOLVE_WIZARD, resolveWizard } from './resolve-wizard.js';

export { RESOLVE_WIZARD } from './resolve-wizard.js';

type WizardState = VersionedState<ConversationData>;

/**
 * The version of the wizard's stored state: a state written by another version of the wizard's code is
 * dropped rather than replayed into this one (1: the four-step Resolve; 0 was the note alone).
 */
const WIZARD_VERSION = 1;

/**
 * The Resolve wizard's machinery, in the order @grammyjs/conversations needs: the plugin (its state in
 * Redis, one per counsellor, under a keyed hash of chat and counsellor, with a TTL), then /cancel, then
 * the wizard (src/channels/telegram/operators/resolve-wizard.ts).
 */
export function wizardComposer(deps: OperatorsDeps, keySecret: string): Composer<OperatorsContext> {
  const composer = new Composer<OperatorsContext>();
  const { storage } = deps.wizard;
  composer.use(
    conversations<Context, Context>({
      storage: {
        type: 'key',
        version: WIZARD_VERSION,
        prefix: deps.wizard.prefix,
        // One wizard per counsellor: two can close two tickets at once in the same chat.
        getStorageKey: (ctx) =>
          ctx.chat && ctx.from ? wizardKeyId(keySecret, ctx.chat.id, ctx.from.id) : undefined,
        adapter: {
          read: async (key) => (await storage.read(key)) as WizardState | undefined,
          write: (key, state) => storage.write(key, state),
          delete: (key) => storage.delete(key),
        },
      },
    }),
  );
  // Between conversations() and createConversation(): /cancel leaves a wizard half-way. The request
  // stays closed with what was answered; the questions left are not asked.
  composer.command('cancel', async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(deps.t(active ? 'ops.cancelled' : 'ops.wizard.nothing'), threadOf(ctx));
  });
  composer.use(createConversation<Context, Context>(resolveWizard(deps), RESOLVE_WIZARD));
  return composer;
}
