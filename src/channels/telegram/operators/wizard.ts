import {
  type Conversation,
  type ConversationData,
  conversations,
  createConversation,
  type VersionedState,
} from '@grammyjs/conversations';
import { Composer, type Context, InlineKeyboard } from 'grammy';
import { shortTicket } from '../../../domain/dialogue/index.js';
import { encodeCardButton } from '../../../domain/handoff/buttons.js';
import { noteQuestion } from '../../../domain/handoff/card.js';
import { wizardKeyId } from '../../../store/keys.js';
import type { OperatorsContext } from '../context.js';
import { type OperatorsDeps, threadOfButton } from './deps.js';

/** A Resolve left half-way is dropped after this long; the ticket stays as it was. */
const WIZARD_MS = 30 * 60_000;
/** The name the note step is entered by. */
export const NOTE_WIZARD = 'note';

type WizardState = VersionedState<ConversationData>;

/**
 * The note after Resolve, the only step that waits on a counsellor. The request is already closed when
 * it begins (a late or stray note can never reach the person: a closed request relays nothing), and
 * it is entered from the outcome button, whose message holds no personal detail (the plugin keeps the
 * entering update). The note is a reply to its question, or in a forum the counsellor's next words in
 * the request's topic.
 */
function noteWizard(deps: OperatorsDeps) {
  const { t } = deps;
  return async (conversation: Conversation<OperatorsContext, Context>, ctx: Context, id: string) => {
    const userId = ctx.from?.id ?? 0;
    const thread = ctx.callbackQuery?.message?.message_thread_id;
    const inThread = threadOfButton(ctx);
    const question = noteQuestion(t, id);
    const skip = new InlineKeyboard();
    for (const b of question.buttons) skip.text(b.label, b.data);
    const skipData = encodeCardButton({ type: 'skip_note', ticket: id });
    const asked = await ctx.reply(question.text, { reply_markup: skip, ...inThread });
    const noted = await conversation.waitUntil(
      (c) => {
        if (c.from?.id !== userId) return false;
        if (c.callbackQuery?.data === skipData) return true;
        const m = c.message;
        if (m?.text === undefined || m.text.startsWith('/')) return false;
        if (m.reply_to_message?.message_id === asked.message_id) return true;
        // In the request's own topic, the next words are the note (a reply to another message is not).
        return thread !== undefined && m.is_topic_message === true && m.message_thread_id === thread;
      },
      { next: true, maxMilliseconds: WIZARD_MS },
    );
    if (noted.callbackQuery) {
      await noted.answerCallbackQuery();
      return;
    }
    const note = noted.message?.text?.slice(0, 1000);
    if (note) await conversation.external(() => deps.tickets.addNote(id, note));
    await noted.reply(t('ops.noted', { ticket: shortTicket(id) }), inThread);
  };
}

/**
 * The Resolve wizard's machinery, in the order @grammyjs/conversations needs: the plugin (its state in
 * Redis, one per counsellor, under a keyed hash of chat and counsellor), then /cancel, then the note step.
 */
export function wizardComposer(deps: OperatorsDeps, keySecret: string): Composer<OperatorsContext> {
  const composer = new Composer<OperatorsContext>();
  const { storage } = deps.wizard;
  composer.use(
    conversations<Context, Context>({
      storage: {
        type: 'key',
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
  // Between conversations() and createConversation(): /cancel leaves a wizard half-way.
  composer.command('cancel', async (ctx) => {
    await ctx.conversation.exitAll();
    await ctx.reply(deps.t('ops.cancelled'));
  });
  composer.use(createConversation<Context, Context>(noteWizard(deps), NOTE_WIZARD));
  return composer;
}
