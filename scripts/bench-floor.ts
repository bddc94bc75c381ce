import { Bot, InlineKeyboard } from 'grammy';
import type { Redis } from 'ioredis';
import { benchBotInfo, type ReferenceQuestion } from './bench-reference.js';

/**
 * The floor tekser is measured against: a bare grammY bot doing only what any stateful question bot must
 * do per update, and nothing else (no flood limit, no ordering, no logging, no metrics, no dialogue
 * engine, no texts to look up). A press: GET the person's small JSON state, SET it back with a TTL, answer
 * the button, edit the answered message, send the next question with three buttons. `/start`: the GET,
 * the SET and the first question. The three Bot API calls of a press go out together, as tekser's do.
 * Only for `npm run bench`.
 */
interface FloorState {
  step: number;
  answers: Record<string, string>;
}

const TTL_SECONDS = 600;

export function floorBot(
  token: string,
  redis: Redis,
  prefix: string,
  questions: ReferenceQuestion[],
  fetchImpl: typeof fetch,
): Bot {
  const bot = new Bot(token, {
    client: { fetch: fetchImpl, apiRoot: 'http://bench.invalid' },
    botInfo: benchBotInfo(4, 'floor_bench_bot'),
  });
  // Each question's text and keyboard, built once: any bot keeps its questions ready.
  const asked = questions.map((q) => {
    const kb = new InlineKeyboard();
    for (const [i, o] of q.options.slice(0, 3).entries()) kb.text(o.label, `${i}:${o.id}`).row();
    return { text: q.text, reply_markup: kb };
  });
  const question = (step: number) => asked[step % asked.length] as (typeof asked)[number];
  const keyOf = (chatId: number) => `${prefix}floor:${chatId}`;
  const load = async (chatId: number): Promise<FloorState> => {
    const raw = await redis.get(keyOf(chatId));
    return raw ? (JSON.parse(raw) as FloorState) : { step: 0, answers: {} };
  };
  const save = (chatId: number, state: FloorState) =>
    redis.set(keyOf(chatId), JSON.stringify(state), 'EX', TTL_SECONDS);

  bot.command('start', async (ctx) => {
    await load(ctx.chat.id);
    await save(ctx.chat.id, { step: 0, answers: {} });
    const q = question(0);
    await ctx.reply(q.text, { reply_markup: q.reply_markup });
  });
  bot.on('callback_query:data', async (ctx) => {
    const chatId = ctx.chat?.id ?? ctx.from.id;
    const state = await load(chatId);
    const answered = question(state.step);
    state.answers[String(state.step)] = ctx.callbackQuery.data;
    state.step++;
    await save(chatId, state);
    const next = question(state.step);
    await Promise.all([
      ctx.answerCallbackQuery(),
      ctx.editMessageText(`${answered.text}\n\n✓ ${ctx.callbackQuery.data}`),
      ctx.reply(next.text, { reply_markup: next.reply_markup }),
    ]);
  });
  return bot;
}
