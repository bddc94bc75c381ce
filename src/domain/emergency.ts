import { normalizeAnswer } from './text.js';

/**
 * Words that say a person is in danger now, in any free text, in Russian, Kazakh and English. Matched on
 * normalised text (lower case, ё as е, punctuation as spaces) as word beginnings, so endings vary freely.
 * A cry for help alone ("помогите!") counts only in a short message: "помогите проверить вакансию" is a
 * request, not an emergency, and the bot's voice is never alarmist.
 */
const DANGER: readonly string[] = [
  // ru
  'забрали паспорт',
  'отобрали паспорт',
  'забрали документы',
  'отобрали документы',
  'паспорт забрали',
  'паспорт отобрали',
  'не выпускают',
  'не отпускают',
  'не дают уйти',
  'заперли',
  'держат взаперти',
  'бьют меня',
  'избили',
  'избивают',
  'угрожают',
  'убьют',
  'изнасиловал',
  'насилуют',
  'меня продали',
  'в рабстве',
  'паспорт не отдают',
  'не отдают паспорт',
  'паспорт не возвращают',
  'не возвращают паспорт',
  'не могу вернуться домой',
  'не могу уйти',
  // kk
  'төлқұжатымды алып',
  'паспортымды алып',
  'құжаттарымды алып',
  'жібермейді',
  'шығармайды',
  'қамап қойды',
  'қамап отыр',
  'ұрып жатыр',
  'ұрады',
  'ұрып тастады',
  'қорқытып',
  'өлтіреміз',
  'өлтіреді',
  'зорлады',
  'сатып жіберді',
  'паспортымды алды',
  'паспортымды бермей',
  'паспортымды қайтармай',
  'төлқұжатымды бермей',
  'төлқұжатымды қайтармай',
  'кете алмаймын',
  'үйге қайта алмаймын',
  'елге қайта алмаймын',
  // en
  'took my passport',
  'taken my passport',
  'passport was taken',
  'keep my passport',
  'won t let me leave',
  'will not let me leave',
  'can t leave',
  'cannot leave',
  'locked me',
  'locked in',
  'beat me',
  'beating me',
  'hit me',
  'threatening',
  'threatened me',
  'kill me',
  'raped',
  'sold me',
  'trafficked',
  'cant leave',
  'can t go home',
  'cant go home',
  'cannot go home',
  'won t give my passport',
  'won t give back my passport',
];
const CRIES: readonly string[] = [
  'помогите',
  'помоги',
  'спасите',
  'sos',
  'көмектесіңдер',
  'көмектесіңіз',
  'көмек керек',
  'құтқарыңдар',
  'help me',
  'help',
];
const SHORT = 5;

const startsWord = (text: string, phrase: string) => ` ${text} `.includes(` ${phrase}`);

/** Whether a free text says its writer is in danger now. */
export function isEmergencyText(raw: string): boolean {
  const text = normalizeAnswer(raw);
  if (!text) return false;
  if (DANGER.some((p) => startsWord(text, p))) return true;
  const words = text.split(' ').length;
  return words <= SHORT && CRIES.some((c) => startsWord(text, c));
}
