import { CommandGroup } from '@grammyjs/commands';
import type { Api, Context } from 'grammy';
import type { Translate } from '../../domain/dialogue/index.js';
import { LANGS, type Lang } from '../../domain/language.js';

/** The people's commands in Telegram's menu, with the key of their description. */
const PEOPLE_COMMANDS: Record<string, string> = {
  start: 'commands.start',
  ad: 'commands.ad',
  cancel: 'commands.cancel',
  language: 'commands.language',
  forget: 'commands.forget',
  privacy: 'commands.privacy',
  menu: 'commands.menu',
  help: 'commands.help',
};

/**
 * The counsellors' commands, shown in the operators' chat only (`/mine`, `/reply`, `/reassign`: the desk's
 * cases; `/cancel` leaves the Resolve wizard).
 */
export const COUNSELLOR_COMMANDS = [
  'tickets',
  'mine',
  'stats',
  'contact',
  'flag',
  'unflag',
  'reply',
  'reassign',
  'cancel',
] as const;

/**
 * The menus as @grammyjs/commands builds them: the people's commands in private chats only, in their
 * Telegram language (ru, kk, en; Russian when Telegram's language is another), and the counsellors'
 * in the operators' chat only, in the operators' language. The handlers stay where they are (the
 * people's in bot.ts, the counsellors' in operators/): these groups only publish.
 */
export function commandMenus(
  t: (lang: Lang) => Translate,
  operators?: { chatId: number; t: Translate },
): CommandGroup<Context>[] {
  const people = new CommandGroup<Context>();
  for (const [name, key] of Object.entries(PEOPLE_COMMANDS)) {
    const command = people.command(name, t('ru')(key)).addToScope({ type: 'all_private_chats' });
    for (const lang of LANGS) command.localize(lang, name, t(lang)(key));
  }
  const groups = [people];
  if (operators) {
    const desk = new CommandGroup<Context>();
    for (const name of COUNSELLOR_COMMANDS)
      desk
        .command(name, operators.t(`ops.menu.${name}`))
        .addToScope({ type: 'chat', chat_id: operators.chatId });
    groups.push(desk);
  }
  return groups;
}

/**
 * Publishes the menus at start-up (setMyCommands per scope and language). The lists an older tekser set
 * for every chat (the default scope, which groups show) are deleted first: the operators' group must not
 * offer the people's /forget.
 */
export async function publishCommands(
  api: Api,
  t: (lang: Lang) => Translate,
  operators?: { chatId: number; t: Translate },
): Promise<void> {
  await api.deleteMyCommands();
  for (const lang of LANGS) await api.deleteMyCommands({ language_code: lang });
  for (const group of commandMenus(t, operators)) await group.setCommands({ api });
}
