import type { Input } from '../../src/domain/dialogue/index.js';
import type { Lang } from '../../src/domain/language.js';

/**
 * The scripted conversations of the golden transcripts. A step is a typed message (`say`), a pressed
 * button found by its answer id in the last turn (`pick`) or by its exact data (`press`), every question
 * of the offer check answered in turn (`answerCheck`: the script's answers, "I don't know" elsewhere), a
 * raw input, or time passing.
 */
export type Step =
  | { say: string; forwarded?: boolean }
  | { pick: string }
  | { press: string }
  | { answerCheck: Record<string, string> }
  /** The "Back" button of the last question. */
  | { back: true }
  | { input: Input }
  | { advance: number };

export interface Script {
  name: string;
  platformLang?: Lang;
  /** When the conversation starts (ms); a working Tuesday morning in Almaty when not given. */
  at?: number;
  /** Whether requests for a counsellor can be opened (a store and a handoff are configured). */
  handoff?: boolean;
  steps: Step[];
}

/** Tuesday 8 December 2026, 10:00 in Almaty (counsellors at work), and Saturday 12 December, 23:30. */
export const WORKDAY = Date.UTC(2026, 11, 8, 5, 0);
const SATURDAY_NIGHT = Date.UTC(2026, 11, 12, 18, 30);

const TRAP = {
  situation: 'considering',
  where: 'gulf',
  age: 'adult',
  how_found: 'online',
  employer: 'none',
  agency_licence: 'refused',
  contact_channel: 'messenger_only',
  secrecy: 'yes',
  urgency: 'yes',
  job_role: 'dancer_model',
  looks: 'yes',
  gender_age: 'yes',
  body_photos: 'yes',
  passport_scans: 'yes',
  job_changed: 'yes',
  pay_level: 'too_high',
  pay_terms: 'cash_or_end',
  fees: 'yes',
  travel_costs: 'deducted',
  contract: 'verbal',
  visa: 'tourist',
  passport: 'employer',
};

const SAFE = {
  situation: 'considering',
  where: 'korea',
  age: 'adult',
  how_found: 'agency',
  employer: 'verified',
  agency_licence: 'checked',
  contact_channel: 'office',
  secrecy: 'no',
  urgency: 'no',
  job_role: 'farm_factory',
  looks: 'no',
  gender_age: 'no',
  body_photos: 'no',
  passport_scans: 'no',
  job_changed: 'no',
  pay_level: 'usual',
  pay_terms: 'regular',
  fees: 'no',
  travel_costs: 'employer',
  contract: 'before',
  contract_party: 'employer',
  contract_language: 'yes',
  contract_terms: 'all',
  contract_copy: 'yes',
  visa: 'work',
  passport: 'self',
};

const TRAPPED = {
  situation: 'abroad_now',
  where: 'turkey',
  age: 'adult',
  abroad_leave: 'no',
  abroad_passport: 'no',
  abroad_threats: 'yes',
  abroad_debt: 'yes',
  abroad_pay: 'no',
  abroad_contact: 'no',
  abroad_job: 'no',
};

const ADS: Record<Lang, { risky: string; honest: string; short: string }> = {
  ru: {
    risky:
      'Срочно! Требуются девушки 18-25 лет, славянской внешности, для работы хостес в клубе в Дубае. Зарплата от 3000$, опыт не нужен. Билеты за счёт работодателя, потом вычтем из зарплаты. Паспорт сдаётся администратору. Пишите только в WhatsApp.',
    honest:
      'ТОО «Алем Логистик» (БИН 120340012345) ищет бухгалтера в офис в Алматы, ул. Толе би 101. Опыт от 2 лет, знание 1С. Зарплата 350 000 тг, официальное трудоустройство, трудовой договор, соцпакет. Резюме на hr@alem-logistic.kz.',
    short: 'Работа в Корее, без опыта, 3000$ в месяц, пишите',
  },
  kk: {
    risky:
      'Шұғыл! Түркияға 18-23 жастағы сымбатты қыздар керек, кафеде даяшы. Айлығы 2500$, тәжірибе қажет емес. Туристік визамен барасыз, құжаттарды сол жерде реттейміз. Төлқұжатыңызды агенттікке тапсырасыз. Тек WhatsApp-қа жазыңыз.',
    honest:
      '«Береке Маркет» супермаркетіне кассир керек. Қарағанды қ., Бұқар жырау даңғылы, 61. Кесте 2/2, айлығы 210 000 ₸, еңбек шарты жасалады, әлеуметтік пакет бар. Тел.: 8 (7212) 50-14-36, кадр бөлімі.',
    short: 'Кореяға жұмыс бар, тәжірибе керек емес, айлығы 3000$',
  },
  en: {
    risky:
      'Urgent! Young attractive girls 18-25 wanted as dancers and hostesses in a VIP club in Cyprus. $3000 a month, no experience needed. We pay your ticket, deducted from salary later. Come on a tourist visa, we sort the papers there. Message on Telegram only.',
    honest:
      'Sales Assistant at Paragraph Books, 121 Abay Ave, Almaty. We offer 240,000 KZT a month, an official employment contract, a 5/2 schedule. Send your CV to jobs@paragraphbooks.kz or drop in and ask for Dana.',
    short: 'Work abroad, no requirements, $500 per week',
  },
};

const DANGER: Record<Lang, string> = {
  ru: 'помогите, у меня забрали паспорт и не выпускают',
  kk: 'көмектесіңдер, төлқұжатымды алып қойды, шыға алмаймын',
  en: 'help, they took my passport and I cannot leave',
};

const PHONE: Record<Lang, string> = { ru: '+7 701 234 56 78', kk: '87012345678', en: '+7 (701) 234-56-78' };

function perLanguage(make: (lang: Lang) => Script): Script[] {
  return (['ru', 'kk', 'en'] as const).map(make);
}

export const SCRIPTS: Script[] = [
  // Every command and menu item, in each language.
  ...perLanguage((lang) => ({
    name: `commands-${lang}`,
    platformLang: lang,
    steps: [
      { say: '/start' },
      { pick: 'about' },
      { say: '/help' },
      { say: '/about' },
      { say: '/privacy' },
      { say: '/menu' },
      { say: '/cancel' },
      { say: '/nosuchcommand' },
      { say: 'просто текст' },
      { input: { kind: 'media', media: 'sticker' } },
      { input: { kind: 'edited' } },
      { press: '0:check' },
      { say: '/language' },
      { pick: 'en' },
      { pick: 'language' },
      { pick: lang },
      { say: '/ad' },
      { say: '/cancel' },
      { say: '/forget' },
      { pick: 'no' },
    ],
  })),
  // A trap offer, answered with buttons, to the verdict, in each language.
  ...perLanguage((lang) => ({
    name: `check-trap-${lang}`,
    platformLang: lang,
    steps: [
      { say: '/start' },
      { pick: 'check' },
      { answerCheck: TRAP },
      { press: 'V:all' },
      { pick: 'menu' },
    ],
  })),
  // An honest offer.
  ...perLanguage((lang) => ({
    name: `check-safe-${lang}`,
    platformLang: lang,
    steps: [{ say: '/start' }, { pick: 'check' }, { answerCheck: SAFE }],
  })),
  // Someone already abroad who cannot leave: the numbers come at the first danger answer.
  ...perLanguage((lang) => ({
    name: `check-trapped-${lang}`,
    platformLang: lang,
    steps: [
      { say: '/start' },
      { pick: 'check' },
      { answerCheck: TRAPPED },
      { press: 'C:check' },
      { answerCheck: TRAPPED },
      { press: 'V:all' },
      { press: 'C:check' },
    ],
  })),
  // The country typed at "where": "Get help now" gives that country's numbers.
  {
    name: 'check-trapped-typed-country-ru',
    platformLang: 'ru',
    steps: [
      { say: '/start' },
      { pick: 'check' },
      { pick: 'abroad_now' },
      { say: 'в Дубае' },
      { pick: 'adult' },
      { pick: 'yes' },
      { pick: 'no' },
    ],
  },
  {
    name: 'check-trapped-typed-country-kk',
    platformLang: 'kk',
    steps: [
      { say: '/start' },
      { pick: 'check' },
      { pick: 'abroad_now' },
      { say: 'Түркияда' },
      { pick: 'adult' },
      { pick: 'no' },
    ],
  },
  // Someone under 18 weighing an offer: critical whatever the job, with article 135 and 111.
  ...perLanguage((lang) => ({
    name: `check-minor-${lang}`,
    platformLang: lang,
    steps: [
      { say: '/start' },
      { pick: 'check' },
      { answerCheck: { situation: 'considering', where: 'eaeu', age: 'minor', job_role: 'skilled' } },
      { press: 'V:all' },
    ],
  })),
  // Many "I don't know": a "low" would mislead.
  {
    name: 'check-unknowns-en',
    platformLang: 'en',
    steps: [{ say: '/start' }, { pick: 'check' }, { answerCheck: {} }],
  },
  // Typing instead of pressing, and everything that can happen in the middle of a check.
  ...perLanguage((lang) => ({
    name: `check-typed-${lang}`,
    platformLang: lang,
    steps: [
      { say: '/start' },
      { say: '1' },
      { say: '1' },
      { say: 'что-то непонятное' },
      { input: { kind: 'media', media: 'photo' } },
      { input: { kind: 'edited' } },
      { press: '0:home' },
      { say: '4' },
      { say: '/menu' },
      { pick: 'resume' },
      { say: '/language' },
      { pick: lang === 'en' ? 'ru' : 'en' },
      { say: '2' },
      { say: '/help' },
      { say: DANGER[lang] },
      { press: 'U:callback' },
      { pick: 'write' },
      { press: 'S:skip' },
      { press: 'M:menu' },
      { pick: 'resume' },
      { say: '/cancel' },
      { say: '/cancel' },
    ],
  })),
  // Ads: pasted first, forwarded, through the menu, in the middle of a check, and on to the check.
  ...perLanguage((lang) => ({
    name: `ads-${lang}`,
    platformLang: lang,
    steps: [
      { say: ADS[lang].risky },
      { pick: 'check' },
      { say: '2' },
      { say: ADS[lang].honest },
      { say: '/menu' },
      { pick: 'ad' },
      { say: 'привет' },
      { say: ADS[lang].short },
      { pick: 'menu' },
      { say: ADS[lang].short, forwarded: true },
      { pick: 'counsellor' },
      { say: '/menu' },
      { input: { kind: 'media', media: 'photo', caption: ADS[lang].honest } },
    ],
  })),
  {
    name: 'ad-first-media-caption-ru',
    platformLang: 'ru',
    steps: [{ input: { kind: 'media', media: 'photo', caption: ADS.ru.risky } }, { pick: 'menu' }],
  },
  {
    name: 'ad-first-forwarded-en',
    platformLang: 'en',
    steps: [{ say: ADS.en.short, forwarded: true }],
  },
  {
    name: 'first-media-no-caption-kk',
    platformLang: 'kk',
    steps: [
      { input: { kind: 'media', media: 'sticker' } },
      { input: { kind: 'contact', phone: '77012345678' } },
    ],
  },
  // Words of danger as the first message, and a bare "help".
  ...perLanguage((lang) => ({
    name: `danger-first-${lang}`,
    steps: [{ say: DANGER[lang] }, { press: 'U:callback' }, { pick: 'write' }, { press: 'S:skip' }],
  })),
  {
    name: 'help-word-ru',
    platformLang: 'ru',
    steps: [
      { say: 'помогите' },
      { say: 'нет' },
      { say: 'помогите разобраться с договором' },
      // Mid-check: the question waits beside the check; No keeps it, Yes sets it aside for help now.
      { pick: 'check' },
      { pick: 'abroad_now' },
      { say: 'помогите' },
      { press: 'D:no' },
      { pick: 'turkey' },
      { say: 'pomogite' },
      { press: 'D:yes' },
      { press: 'C:check' },
    ],
  },
  // "Back": the previous question again, its answer open to change, the others kept; an old Back is stale.
  ...perLanguage((lang) => ({
    name: `check-back-${lang}`,
    platformLang: lang,
    steps: [
      { input: { kind: 'open', flow: 'offer-check' } },
      { pick: 'considering' },
      { pick: 'gulf' },
      { pick: 'adult' },
      { back: true },
      { back: true },
      // The age is kept: the check goes on at the first question still open.
      { say: lang === 'kk' ? 'Түркия' : lang === 'ru' ? 'Турция' : 'Turkey' },
      { press: 'B:4' },
      { say: lang === 'kk' ? 'артқа' : lang === 'ru' ? 'назад' : 'back' },
    ],
  })),
  {
    name: 'help-word-kk',
    platformLang: 'kk',
    steps: [{ say: 'көмектесіңіз' }, { say: '1' }],
  },
  {
    name: 'help-word-en',
    platformLang: 'en',
    steps: [
      { say: '/start' },
      { pick: 'check' },
      { say: 'help' },
      { press: 'D:no' },
      { pick: 'considering' },
      // An old "No" is stale and changes nothing; an old "Yes" still gives help.
      { press: 'D:no' },
      { say: 'HELP ME!!!' },
      { say: 'yes' },
    ],
  },
  // The callback, by phone, with consent, a note and the shared-contact button.
  ...perLanguage((lang) => ({
    name: `callback-call-${lang}`,
    platformLang: lang,
    steps: [
      { say: '/start' },
      { pick: 'counsellor' },
      { pick: 'call' },
      { pick: 'yes' },
      { say: '12345' },
      { say: PHONE[lang] },
      // Counsellors may see their notes of her earlier requests, and later of this one.
      { pick: 'yes' },
      { pick: 'afternoon' },
      { say: 'Мне предложили работу в Дубае, хочу проверить агентство' },
      { say: 'ещё одно сообщение' },
      { pick: 'counsellor' },
    ],
  })),
  {
    name: 'callback-call-no-consent-ru',
    platformLang: 'ru',
    steps: [
      { say: '/start' },
      { pick: 'counsellor' },
      { pick: 'call' },
      { input: { kind: 'contact', phone: '77012345678' } },
      { pick: 'no' },
      { pick: 'no' },
      { pick: 'now' },
      { press: 'S:skip' },
      { say: 'я пишу консультанту' },
      { press: 'M:menu' },
      { pick: 'relay' },
      { say: 'снова пишу' },
    ],
  },
  // The callback by messages, and writing to the counsellor (the relay), at night on a weekend.
  ...perLanguage((lang) => ({
    name: `callback-write-${lang}`,
    platformLang: lang,
    at: SATURDAY_NIGHT,
    steps: [
      { say: '/start' },
      { pick: 'counsellor' },
      { pick: 'write' },
      // No history shared, typed.
      { say: { ru: 'нет', kk: 'жоқ', en: 'no' }[lang] },
      { pick: 'morning' },
      { say: 'skip' },
      { say: 'здравствуйте, мне нужна помощь с договором' },
      { say: DANGER[lang] },
      // Media goes to the counsellor as it is (the platform's reference, never the bytes); a sticker not.
      {
        input: {
          kind: 'media',
          media: 'photo',
          caption: 'договор',
          ref: { kind: 'photo', message: 7, file: 'golden-photo' },
        },
      },
      { input: { kind: 'media', media: 'sticker' } },
      { input: { kind: 'edited' } },
      { say: '/help' },
      { say: 'x'.repeat(4000) },
      { say: '/menu' },
      { say: 'меню' },
      { pick: 'relay' },
      { press: 'U:callback' },
      { say: '/start' },
      { pick: 'relay' },
    ],
  })),
  // Urgent, by phone, on a Saturday night: what works now comes before the promise of Monday.
  {
    name: 'callback-urgent-night-ru',
    platformLang: 'ru',
    at: SATURDAY_NIGHT,
    steps: [
      { say: '/start' },
      { press: 'U:callback' },
      { pick: 'call' },
      { pick: 'yes' },
      { say: PHONE.ru },
      { press: 'S:skip' },
    ],
  },
  // The terminal without a store: no request can be opened, the hotline is the way.
  {
    name: 'callback-without-handoff-en',
    platformLang: 'en',
    handoff: false,
    steps: [
      { say: '/start' },
      { pick: 'counsellor' },
      { pick: 'write' },
      { pick: 'no' },
      { pick: 'now' },
      { press: 'S:skip' },
      { say: '/start' },
      { pick: 'counsellor' },
      { pick: 'hotline' },
    ],
  },
  // Stale buttons, language detection from the letters, and /forget.
  {
    name: 'stale-and-forget-ru',
    steps: [
      { say: 'Сәлем' },
      { say: 'привет' },
      { pick: 'check' },
      { press: '0:considering' },
      { press: 'zz:nothing' },
      { press: 'L:xx' },
      { press: 'S:skip' },
      { press: 'L:en' },
      { advance: 3 * 86_400_000 },
      { say: '/forget' },
      { pick: 'yes' },
      { say: 'hello' },
    ],
  },
  {
    name: 'open-flow-directly-en',
    platformLang: 'en',
    steps: [
      { input: { kind: 'open', flow: 'offer-check' } },
      { press: 'M:menu' },
      { input: { kind: 'open', flow: 'nope' } },
    ],
  },
];
