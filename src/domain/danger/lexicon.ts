/**
 * The concepts that words of danger are made of, each with how people say it in Russian, Kazakh (with
 * and without its own letters: stems are folded, see fold.ts), English and Latin transliteration. A stem
 * matches the beginning of a word, so endings and Kazakh suffixes vary freely; `words` match whole words
 * only (short function words). Nothing here is a phrase: danger is a relation between concepts in one
 * clause, in any order (read.ts), and an entry must say how people name a concept in general, never
 * how one example put it.
 */

export type Concept =
  // things
  | 'doc'
  | 'phone'
  | 'money'
  | 'door'
  | 'room'
  | 'holder'
  | 'client'
  | 'police'
  | 'photo'
  | 'family'
  | 'ticket'
  | 'home'
  | 'report'
  // acts and states
  | 'take'
  | 'keep'
  | 'give'
  | 'get'
  | 'pay'
  | 'letGo'
  | 'let'
  | 'leave'
  | 'can'
  | 'forbid'
  | 'call'
  | 'lock'
  | 'close'
  | 'hit'
  | 'rape'
  | 'threaten'
  | 'kill'
  | 'arrest'
  | 'send'
  | 'force'
  | 'must'
  | 'debt'
  | 'owe'
  | 'workOff'
  | 'say'
  | 'sell'
  | 'sold'
  | 'otherwise'
  | 'watch'
  | 'listen'
  | 'harm'
  | 'watched'
  | 'cantTalk'
  | 'guard'
  | 'fear'
  | 'slave'
  | 'absent'
  | 'secret'
  | 'unknownPlace'
  | 'carried'
  | 'noDayOff'
  | 'unpaid'
  | 'cry'
  | 'urgent'
  | 'service'
  // the frame of what is said
  | 'me'
  | 'meObj'
  | 'you'
  | 'aux'
  | 'at'
  | 'neg'
  | 'if'
  | 'normative'
  | 'demand'
  | 'extort'
  | 'prospect'
  | 'notYet'
  | 'distance'
  | 'joke'
  | 'years'
  | 'ago'
  | 'amount'
  | 'lost'
  | 'escape'
  | 'find'
  | 'feed'
  | 'rescue'
  | 'sex'
  | 'themObj'
  | 'parentSubj'
  | 'safeNow'
  | 'rationed'
  | 'worse';

export interface Entry {
  concept: Concept;
  /** Word beginnings, in any script; folded before use. */
  stems?: readonly string[];
  /** Whole words, lower case, as typed (not folded: "и" is not "I"). */
  words?: readonly string[];
  /**
   * Kazakh verb roots: a negative form is the root with -ма/-ме/-ба/-бе/-па/-пе ("бермейді", "шығармайды"),
   * so the word carries its own negation.
   */
  kkVerb?: boolean;
  /** The word says its own negation ("can't", "алмаймын"). */
  negative?: boolean;
  /** The next word must begin with one of these (Kazakh compound verbs: "алып қойды", "сатып жіберді"). */
  next?: readonly string[];
  /**
   * Not after a word beginning with one of these: Kazakh "оқып шығу" (to read through), "толтырып шығу"
   * (to fill in) end an action, they are no going out.
   */
  notAfter?: readonly string[];
}

export const LEXICON: readonly Entry[] = [
  // ——— things ———
  {
    concept: 'doc',
    stems: [
      'паспорт',
      'загранпаспорт',
      'документ',
      'докум',
      'удостоверен',
      'удостак',
      'төлқұжат',
      'құжат',
      'куәлік',
      'passport',
      'document',
      'papers',
      'id card',
    ],
    words: ['id', 'удв'],
  },
  { concept: 'phone', stems: ['телефон', 'смартфон', 'сотов', 'мобильн', 'phone', 'смартфон', 'ұялы'] },
  {
    concept: 'money',
    stems: ['денег', 'деньг', 'зарплат', 'зп', 'ақша', 'ақшам', 'жалақы', 'айлық', 'salary', 'wage', 'money'],
  },
  { concept: 'door', stems: ['двер', 'есік', 'снаружи', 'outside', 'ключ'], words: ['door', 'doors'] },
  {
    concept: 'room',
    stems: [
      'комнат',
      'квартир',
      'подвал',
      'вагончик',
      'бөлме',
      'пәтер',
      'пэтер',
      'room',
      'basement',
      'apartment',
      'flat',
    ],
  },
  {
    concept: 'holder',
    stems: [
      'хозя',
      'работодател',
      'начальник',
      'шеф',
      'босс',
      'бригадир',
      'координатор',
      'менеджер',
      'агент',
      'қожайын',
      'бастық',
      'employer',
      'boss',
      'manager',
      'owner',
      'agency',
      'agent',
      'coordinator',
      'sponsor',
      'madam',
    ],
    words: [
      'них',
      'него',
      'нее',
      'неё',
      'nih',
      'nego',
      'nee',
      'them',
      'him',
      'her',
      'оларда',
      'onlarda',
      // "паспорт солардың қолында": in their hands (the locative says "at").
      'қолында',
      'қолдарында',
      'колында',
      'колдарында',
      'qolynda',
      'kolynda',
      'соларда',
      'solarda',
      'olarda',
      'сонда',
    ],
  },
  { concept: 'client', stems: ['клиент', 'client', 'қонақтар', 'guests', 'customers'] },
  { concept: 'police', stems: ['полиц', 'police', 'депорт', 'deport', 'миграцион'] },
  { concept: 'photo', stems: ['фото', 'видео', 'photo', 'video', 'pics', 'nudes', 'сурет'] },
  {
    concept: 'family',
    stems: [
      'мам',
      'маме',
      'родител',
      'семь',
      'родн',
      'mom',
      'mum',
      'mother',
      'family',
      'parents',
      'анам',
      'ата-ана',
      'ata-ana',
      'отбас',
      'otbas',
      'туыс',
      'tuys',
      'сестр',
      'брат',
      'sister',
      'brother',
      'children',
      'балам',
      'сіңлі',
    ],
    words: ['дети', 'детям', 'детей', 'детьми', 'deti'],
  },
  {
    concept: 'home',
    words: ['домой', 'home', 'үйге', 'елге', 'uige', 'elge', 'uyge', 'domoi', 'domoy', 'ұйге', 'уйге'],
  },
  // Going to the police with a complaint: a threat when someone else says it.
  { concept: 'report', stems: ['арыз', 'заявлен', 'заяв', 'report', 'complain', 'жалоб', 'вызов'] },
  { concept: 'ticket', stems: ['билет', 'дорог', 'перелет', 'ticket', 'flight', 'airfare'] },

  // ——— acts and states ———
  {
    // Taking away something of the person's: documents, a phone.
    concept: 'take',
    stems: [
      'забра',
      'забер',
      'забир',
      'отобра',
      'отбер',
      'отбир',
      'отня',
      'отним',
      'изъя',
      'конфиск',
      'took',
      'taken',
      'taking',
      'takes',
      'take away',
      'take our',
      'confiscat',
      'seiz',
      'стащ',
      'алынды',
    ],
    words: ['алды', 'aldy', 'aldi'],
  },
  { concept: 'take', stems: ['тартып'], next: ['ал'] },
  // Kazakh "алып қою / алып кету / алып алу": to take away.
  { concept: 'take', stems: ['алып'], next: ['қой', 'кет', 'ал', 'таста'] },
  {
    concept: 'keep',
    // Verbs of keeping, not nouns ("хранение паспорта" is an ad's promise, not an event).
    stems: ['держ', 'удерж', 'keep', 'kept', 'hold', 'ұстап', 'ұстай', 'ұстад', 'сақтап'],
    // "хранит", not the ads' passive "хранится".
    words: ['хранит', 'хранят', 'хранил', 'хранила', 'хранили', 'hranit', 'hraniat', 'hranyat', 'hranil'],
  },
  {
    // Giving or giving back: withheld when negated ("не отдают", "бермейді", "won't give back").
    concept: 'give',
    stems: [
      'отда',
      'вернут',
      'вернет',
      'вернёт',
      'верни',
      'возвращ',
      'возврат',
      'дают',
      'дадут',
      'дает',
      'даст',
      'give',
      'gave',
      'return',
      'выда',
    ],
  },
  { concept: 'give', stems: ['бер', 'қайтар'], kkVerb: true },
  { concept: 'get', stems: ['получ', 'getting'], words: ['get', 'got'] },
  { concept: 'pay', stems: ['плат', 'pay', 'paid', 'оплач'] },
  { concept: 'pay', stems: ['төле'], kkVerb: true },
  {
    // Letting the person go: danger when negated ("не отпускают", "жібермейді", "won't let me go").
    concept: 'letGo',
    stems: [
      'выпускаю',
      'выпускае',
      'выпуст',
      'отпускаю',
      'отпускае',
      'отпуст',
      'отпущ',
      'выпущ',
      'let me go',
      'let us go',
      'let me out',
      'let us out',
    ],
  },
  { concept: 'letGo', stems: ['жібер', 'шығар'], kkVerb: true },
  {
    concept: 'let',
    stems: ['дают', 'дает', 'разреш', 'позвол', 'пуска', 'allow', 'permit', 'рұқсат'],
    words: ['let', 'lets'],
  },
  {
    // Leaving the place, going out, escaping, going home.
    concept: 'leave',
    stems: [
      'уйти',
      'уйд',
      'уход',
      'ухож',
      'выйти',
      'выйд',
      'выход',
      'выхож',
      'сбеж',
      'убеж',
      'вернуться',
      'вернусь',
      'leav',
      'escap',
      'quit',
      'run away',
      'go home',
      'go out',
      'get out',
      'go back',
      'going home',
      'үйге бар',
      'елге бар',
      'кет',
      'шығ',
      'қаш',
      'құтыл',
      'қайт',
    ],
    notAfter: ['оқып', 'жазып', 'қарап', 'ойлап', 'толтырып', 'тексеріп', 'есептеп', 'аударып'],
  },
  // Being unable: "не могу", "can't", Kazakh "-а алмаймын" and "болмайды" (it is not possible).
  {
    concept: 'can',
    stems: ['могу', 'может', 'можем', 'могут', 'мог', 'сможем', 'смогу'],
    words: ['can', 'could', 'able'],
  },
  { concept: 'can', words: ['cant', 'cannot', 'couldnt', 'unable'], negative: true },
  // Escaping, not just leaving: wanting it says she is held ("хочу сбежать", "қашып кеткім келеді").
  {
    concept: 'escape',
    stems: [
      'сбеж',
      'сбег',
      'убеж',
      'убег',
      'побег',
      'escap',
      'run away',
      'қаш',
      'qash',
      'kash',
      'sbezh',
      'ubezh',
    ],
  },
  // Being found after running: "если убегу, найдут", "қашсаң тауып алады", "they will find me".
  {
    concept: 'find',
    stems: ['найдут', 'найдет', 'найдём', 'найдем', 'find', 'тауып', 'табад', 'naidut', 'naydut'],
  },
  // Food given, withheld when negated: "нас не кормят", "тамақ бермейді", "they don't feed us".
  { concept: 'feed', stems: ['корм', 'feed', 'тамақ', 'kormyat', 'tamak', 'tamaq'] },
  { concept: 'can', stems: ['алмай', 'алмад', 'алмас', 'болмай', 'болмад', 'болмас'], negative: true },
  {
    concept: 'forbid',
    stems: ['нельзя', 'запрещ', 'запрет', 'forbid', 'not allowed', 'тыйым', 'prohibit'],
  },
  {
    concept: 'call',
    stems: [
      'звон',
      'позвон',
      'связ',
      'call',
      'contact',
      'хабарлас',
      'қоңырау',
      'звяз',
      'talk to',
      'speak to',
      'разговарива',
      'общаться',
      'сөйлес',
    ],
  },
  {
    // Locking someone in.
    concept: 'lock',
    stems: ['запер', 'запир', 'взаперт', 'қамап', 'құлыпта', 'құлыптап', 'қамад', 'қамал', 'қамай'],
    words: ['lock', 'locked', 'locks', 'locking'],
  },
  // Closing: danger only with the person, a door or a room ("закрыли в комнате", "дверь закрыта").
  {
    concept: 'close',
    stems: ['закры', 'shut', 'closed', 'жауып', 'жабулы', 'жабық', 'жапты', 'жауып тастады'],
  },
  {
    concept: 'hit',
    stems: [
      'бьют',
      'избил',
      'избив',
      'избит',
      'побил',
      'побои',
      'удари',
      'ударя',
      'насил',
      'beat',
      'beating',
      'hits',
      'hitting',
      'hurt',
      'punch',
      'slap',
      'kick',
      'ұрад',
      'ұрып',
      'ұрды',
      'ұрған',
      'ұратын',
      'соққы',
      'тепкі',
    ],
    // "бьёт" folds to "bet", which begins "бетон" and "between": whole words only.
    words: ['hit', 'bet', 'бьет', 'бьёт', 'бью', "b'et"],
  },
  {
    concept: 'rape',
    stems: ['изнасил', 'насилу', 'rape', 'raped', 'abuse', 'molest', 'домогает', 'домогаю', 'зорла'],
  },
  {
    concept: 'threaten',
    stems: ['угрож', 'угроз', 'грози', 'пригроз', 'шантаж', 'threat', 'blackmail', 'қорқыт', 'қоқан'],
  },
  {
    concept: 'kill',
    stems: ['убью', 'убьют', 'убьем', 'убьет', 'прибью', 'өлтір', 'murder'],
    words: ['kill', 'kills', 'killed'],
  },
  {
    concept: 'arrest',
    stems: ['арест', 'arrest', 'jail', 'prison', 'тюрьм', 'түрме', 'сдад', 'посад', 'қамай', 'қамат'],
  },
  // Sex asked of her: "спать с клиентами", "sleep with clients", "интим".
  {
    concept: 'sex',
    stems: ['sleep with', 'спать с', 'переспать', 'интим', 'секс', 'sex', 'жатуға', 'жату керек'],
  },
  // Fetched, taken out of here: "забери меня отсюда", "приезжайте за мной", "get me out", "мені алып кет".
  {
    concept: 'rescue',
    stems: [
      'забери меня',
      'заберите меня',
      'забрать меня',
      'приезжайте за мной',
      'приедь за мной',
      'приезжай за мной',
      'вытащите меня',
      'вытащи меня',
      'выбраться',
      'get me out',
      'take me home',
      'come get me',
      'pick me up',
      'мені алып кет',
      'алып кетіңізші',
      'алып кетші',
      'мени алып кет',
      'zaberi menya',
    ],
  },
  // Someone else, held: "её держат в квартире", "they keep her", "оны ұстап отыр".
  {
    concept: 'themObj',
    words: ['её', 'ее', 'его', 'их', 'her', 'him', 'them', 'оны', 'оларды', 'ee', 'ego', 'ih'],
  },
  { concept: 'send', stems: ['отправ', 'покаж', 'разошл', 'выложат', 'send', 'post', 'жібер', 'show'] },
  {
    // Being made to do something: work, sex.
    concept: 'force',
    stems: ['застав', 'принужд', 'насильно', 'forced', 'forcing', 'forces', 'мәжбүр', 'зорлап'],
    words: ['force'],
  },
  { concept: 'must', stems: ['must', 'have to', 'has to', 'должн', 'обязан', 'тиіс', 'керек'] },
  {
    concept: 'debt',
    stems: ['debt', 'owe', 'owing', 'қарыз'],
    words: ['долг', 'долга', 'долгу', 'долгом', 'долги', 'долгов', 'dolg', 'dolga', 'dolgu', 'dolgi'],
  },
  // Russian "должен": a debt when a sum or "за" follows ("должна 5000$", "должен за дорогу").
  { concept: 'owe', stems: ['должен', 'должна', 'должны'] },
  {
    concept: 'workOff',
    stems: [
      'отработ',
      'work off',
      'keep working',
      'өтесің',
      'өтейсің',
      'өтеу',
      'өтеме',
      'pay off',
      'pay back',
      'to repay',
    ],
  },
  {
    concept: 'say',
    stems: ['говор', 'сказал', 'said', 'told', 'дейді', 'деді', 'айтад', 'айтып', 'айтқан'],
    words: ['деп', 'dep', 'say', 'says', 'saying'],
  },
  // Kazakh "сатамыз / сатады / сатпақ" (will sell, sells), never "сатып ал-" (to buy) nor "сатушы" (a seller).
  {
    concept: 'sell',
    stems: [
      'продал',
      'продад',
      'продаст',
      'продают',
      'сатамыз',
      'сатады',
      'сатпақ',
      'сатамын',
      'satamyz',
      'satady',
    ],
    words: ['sell', 'sells', 'selling', 'sold'],
  },
  // "I was sold", "we were sold": the past says it of the writer.
  { concept: 'sold', words: ['sold', 'продали', 'prodali', 'сатты', 'satty', 'satti'] },
  { concept: 'sell', stems: ['сатып'], next: ['жібер'] },
  { concept: 'sell', words: ['сатты', 'satty', 'satti'] },
  { concept: 'otherwise', stems: ['иначе', 'otherwise', 'әйтпесе', 'or else'] },
  {
    concept: 'watch',
    stems: [
      'следят',
      'следит',
      'следил',
      'наблюда',
      'watching',
      'watches',
      'бақыла',
      'аңдып',
      'watch us',
      'watch me',
    ],
  },
  { concept: 'listen', stems: ['слушают', 'подслуш', 'listen', 'тыңда'] },
  // Unable to talk now: alone no danger ("I'm at work"), with another sign of control it is.
  {
    concept: 'cantTalk',
    stems: [
      'не могу говорить',
      'не могу долго',
      'не могу писать',
      'cant talk',
      'cannot talk',
      "can't talk",
      'cant speak',
      'сөйлей алмаймын',
      'жаза алмаймын',
    ],
  },
  // Harm to her family as a threat: "найдут маму", "отбасыңа зиян келтіреміз", "they will hurt my family".
  {
    concept: 'harm',
    stems: ['найдут', 'навредят', 'доберутся', 'зиян', 'zyan', 'ziyan', 'hurt', 'harm', 'тауып ал'],
  },
  // Watched where she writes: her messages read, eyes on her, unable to speak.
  {
    concept: 'watched',
    stems: [
      'тут смотрят',
      'здесь смотрят',
      'проверяет переписк',
      'проверяют переписк',
      'читает переписк',
      'читают переписк',
      'читают мои',
      'проверяют телефон',
      'проверяет телефон',
      'checks my phone',
      'check my phone',
      'read my messages',
      'reads my messages',
      'телефонымды тексер',
      'хатымды оқи',
    ],
  },
  { concept: 'guard', stems: ['охран', 'guard', 'күзет', 'конвой'] },
  {
    // Fear now: "мне страшно", "боюсь", "I'm scared", "қорқамын".
    concept: 'fear',
    stems: [
      'страшн',
      'боюсь',
      'боимся',
      'боится',
      'боятся',
      'scared',
      'afraid',
      'frighten',
      'terrified',
      'fear',
      'қорқам',
      'қорқып',
      'қорқа',
      'қорқыныш',
    ],
    words: ['страх', 'страхом'],
  },
  {
    concept: 'slave',
    stems: [
      'рабств',
      'slave',
      'traffick',
      'заложни',
      'hostage',
      'құлдық',
      'kuldyk',
      'qūldyq',
      'принадлежим',
      'принадлежу',
      'belong to them',
      'belong to him',
      'they own us',
      'they own me',
    ],
  },
  { concept: 'absent', words: ['нет', 'жоқ', 'net', 'jok', 'без', 'bez', 'without', 'no'] },
  {
    // Writing in secret: a sign of being watched.
    concept: 'secret',
    stems: [
      'тайком',
      'тайно',
      'втайне',
      'втихаря',
      'незаметно',
      'secretly',
      'hiding',
      'жасырын',
      'туалет',
      'toilet',
      'bathroom',
      'чужого',
      'чужой',
      'friends phone',
      'someone else',
    ],
  },
  {
    concept: 'unknownPlace',
    stems: [
      'адрес не зна',
      'не знаю где',
      'dont know where',
      'не знаю куда',
      'қайдамын',
      'қай жерде екенімді',
    ],
  },
  {
    concept: 'carried',
    stems: [
      'везут',
      'увозят',
      'увезли',
      'привезли',
      'taking us',
      'taking me',
      'moved us',
      'moved me',
      'brought us',
      'brought me',
      'перевез',
      'әкелді',
      'алып келді',
    ],
  },
  { concept: 'noDayOff', stems: ['без выходн', 'no days off', 'no day off', 'демалыссыз', 'демалыс жоқ'] },
  { concept: 'unpaid', stems: ['без денег', 'без оплат', 'unpaid', 'ақысыз', 'bez deneg'] },
  {
    // A cry for help, as an imperative or "help needed", not thanks for help or help with a task.
    concept: 'cry',
    stems: [
      'помогите',
      'спасите',
      'көмектесің',
      'көмектесіңіз',
      'көмектесіңдер',
      'құтқар',
      'pomogit',
      'spasit',
    ],
    words: ['помоги', 'спаси', 'help', 'helpme', 'көмектес', 'көмек', 'komek', 'комек', 'sos'],
  },
  {
    concept: 'urgent',
    stems: ['срочно', 'быстрее', 'urgent', 'asap', 'шұғыл', 'тезірек'],
    words: ['тез', 'tez'],
  },
  {
    // What makes a cry for help a request for a service: check, understand, explain, find.
    concept: 'service',
    stems: [
      'провер',
      'разобра',
      'понять',
      'объясн',
      'узнать',
      'найти',
      'подобра',
      'выбра',
      'оформ',
      'составить',
      'перевести',
      'check',
      'understand',
      'explain',
      'find',
      'choose',
      'translate',
      'review',
      'verify',
      'тексер',
      'түсін',
      'табу',
      'какие',
      'какой',
      'можно',
      'нужно',
      'надо',
      'қандай',
      'қалай',
    ],
    words: ['как', 'how', 'which', 'need', 'kak'],
  },

  // ——— the frame ———
  {
    concept: 'me',
    words: [
      'я',
      'меня',
      'мне',
      'мной',
      'мною',
      'мой',
      'моя',
      'мое',
      'моё',
      'мои',
      'моего',
      'моей',
      'моих',
      'мою',
      'мы',
      'нас',
      'нам',
      'нами',
      'наш',
      'наши',
      'наших',
      'ya',
      'menya',
      'menia',
      'mne',
      'mnoy',
      'mnoi',
      'moy',
      'moi',
      'moya',
      'moia',
      'my',
      'nas',
      'nam',
      'i',
      'me',
      'im',
      'we',
      'us',
      'our',
      'myself',
      'мен',
      'мені',
      'маған',
      'менің',
      'менде',
      'біз',
      'бізді',
      'бізге',
      'біздің',
      'бізде',
      'men',
      'meni',
      'magan',
      'menin',
      'biz',
      'bizdi',
      'bizge',
    ],
  },
  {
    // The person as the one acted on: "меня держат", "keep us", "мені ұстап отыр".
    concept: 'meObj',
    words: [
      'меня',
      'нас',
      'me',
      'us',
      'мені',
      'бізді',
      'menya',
      'menia',
      'nas',
      'meni',
      'bizdi',
      // Kazakh typed without its letters.
      'мени',
      'бизди',
      'мной',
      'нами',
      'mnoy',
      'mnoi',
    ],
  },
  {
    // The one addressed: an ad or a warning ("ваш паспорт", "төлқұжатыңызды", "your passport"), not the writer.
    concept: 'you',
    words: [
      'ваш',
      'ваши',
      'вашего',
      'вашей',
      'ваших',
      'вам',
      'вас',
      'вы',
      'your',
      'you',
      'сіздің',
      'сенің',
      'сізді',
      'сізге',
      'vash',
      'vashi',
      'vam',
      'vas',
      'vy',
    ],
  },
  {
    // Words a negation may stand across: "не хотят отдавать", "haven't been paid", "не дают мне уйти".
    concept: 'aux',
    words: [
      'хотят',
      'хочет',
      'могут',
      'может',
      'будут',
      'будет',
      'want',
      'wants',
      'will',
      'be',
      'been',
      'is',
      'are',
      'going',
      'to',
      'me',
      'us',
      'меня',
      'нас',
      'мне',
      'нам',
      'ever',
      'even',
      'даже',
      'мой',
      'мои',
      'my',
      'our',
      'the',
    ],
  },
  { concept: 'at', words: ['у', 'u', 'at', 'with'] },
  {
    concept: 'neg',
    words: [
      'не',
      'ни',
      'ne',
      'ni',
      'not',
      'never',
      'dont',
      'doesnt',
      'didnt',
      'wont',
      'isnt',
      'arent',
      'havent',
      'hasnt',
      'wouldnt',
      'nobody',
      'емес',
      'emes',
    ],
  },
  { concept: 'if', words: ['если', 'esli', 'if', 'егер', 'eger'] },
  {
    // Asking whether something is normal, allowed or needed: a question about a practice, not an event.
    concept: 'normative',
    stems: [
      'нормальн',
      'normal',
      'законн',
      'legal',
      'допустим',
      'қалыпты',
      'дұрыс па',
      'правильно',
      'бола ма',
      'керек пе',
      // What the law says ("работодатель не имеет права забирать паспорт", "по закону", "заңсыз").
      'разрешен',
      'имеет прав',
      'имеют прав',
      'вправе',
      'закон',
      'заңсыз',
      'заң бойынша',
      'құқығы жоқ',
      'has no right',
      'have no right',
      'illegal',
      'by law',
    ],
    words: ['ли', 'li', 'should', 'ok', 'okay', 'allowed'],
  },
  // Money demanded: with leaving, a ransom for one's freedom ("кетсек ақша талап етеді", "хотим уйти, требуют деньги").
  { concept: 'extort', stems: ['талап ет', 'требуют', 'требует', 'demand', 'trebuyut', 'trebuiut'] },
  {
    // Asked for, wanted, required: a demand still to be met, not something done ("агентство просит
    // оставить паспорт", "the family wants to keep her passport", "паспорт нужно оставить у них").
    concept: 'demand',
    stems: [
      'нужно',
      'надо',
      'просит',
      'просят',
      'попросил',
      'требует',
      'требуют',
      'хочет',
      'хотят',
      'nuzhno',
      'prosit',
      'hochet',
      'wants',
      'want to',
      'asks',
      'asking me',
      'asked me to',
      'requires',
      'need to',
      'needs to',
      'сұрайды',
      'сұрап жатыр',
      'талап ет',
      'қалайды',
    ],
  },
  {
    // Before leaving: the person is still at home and asks ahead.
    concept: 'prospect',
    stems: [
      'лета',
      'лете',
      'полет',
      'самолет',
      'fly',
      'flying',
      'plane',
      'flight',
      'ұшақ',
      'ұшу',
      'ұшуд',
      'экзамен',
      'exam',
      'собеседован',
      'interview',
      'высот',
      'heights',
      'spider',
      // A trip ahead, and being cheated on it: "страшно ехать", "боюсь, что обманут", "I'm scared it's a scam".
      'ехать',
      'поехать',
      'поездк',
      'travel',
      'trip',
      'going abroad',
      'баруға',
      'барғым',
      'кетейін',
      'кеткім',
      'кетпекпін',
      'обман',
      'развод',
      'мошенн',
      'scam',
      'cheat',
      'fraud',
      'алдап',
      'алдау',
      // A first day at a new job: nerves, not danger ("қорқып тұрмын, ертең бірінші күнім").
      'первый день',
      'первого дня',
      'first day',
      'бірінші күн',
      'новой работ',
      'новую работу',
      'new job',
      'жаңа жұмыс',
    ],
  },
  {
    concept: 'notYet',
    stems: [
      'еще не',
      'ещё не',
      'eshe ne',
      'esche ne',
      'not yet',
      'ещё никуда',
      'еще никуда',
      'никуда не уехал',
      'никуда не поехал',
      'havent gone',
      'havent left',
      'just asking',
      'заранее',
      'in advance',
      'планирую',
      'собираюсь',
      'бармақпын',
      'барамын',
      'before i go',
      'перед отъездом',
      'next week',
      'на следующей неделе',
      'келесі апта',
      "haven't signed",
      'havent signed',
      'not signed yet',
    ],
  },
  {
    // Someone else's past, a film, an article: not the writer's danger now.
    concept: 'distance',
    stems: [
      'лет назад',
      'года назад',
      'год назад',
      'years ago',
      'year ago',
      'жыл бұрын',
      'когда-то',
      'фильм',
      'кино',
      'сериал',
      'документальн',
      'статья',
      'статью',
      'статей',
      'новост',
      'film',
      'movie',
      'documentary',
      'article',
      'news',
      'series',
      'вернулась',
      'вернулся',
      'вернулись',
      'came back',
      'is home now',
      'returned',
      'қайтқан',
      'қайтып келді',
      'рассказыва',
      'told me about',
      // It is over, and she is safe: "сбежала и уже полгода дома", "she's home now and safe".
      'уже дома',
      'home now',
      'now safe',
      'safe now',
      'қазір үйде',
      'үйге оралды',
      'в прошлом году',
      'last year',
      'былтыр',
      'всё хорошо',
      'все хорошо',
      'all good now',
      'табылды',
    ],
  },
  // Years, not months: "три месяца назад забрали паспорт" is still now.
  {
    concept: 'years',
    words: ['лет', 'год', 'года', 'years', 'year', 'жыл', 'let', 'god', 'goda', 'jyl', 'zhyl'],
  },
  { concept: 'ago', words: ['назад', 'ago', 'бұрын', 'nazad', 'buryn', 'burin'] },
  // Her parents keeping her at home ("мама не отпускает в Турцию", "родители не выпускают после 10"): a
  // family's rule, not someone holding her.
  {
    concept: 'parentSubj',
    stems: [
      'мама',
      'мать',
      'папа',
      'отец',
      'родители',
      'mom',
      'mum',
      'dad',
      'parents',
      'анам',
      'әкем',
      'ата-анам',
      'ата анам',
    ],
  },
  // A threat in its own words, said by someone: "сказал, если расскажу, будет хуже", "you will regret it".
  {
    concept: 'worse',
    stems: [
      'будет хуже',
      'пожалеешь',
      'пожалеете',
      'will regret',
      'will be worse',
      'өкінесің',
      'жаман болады',
    ],
  },
  // Given for a short time only: "телефон отдают только на 10 минут в неделю", "by the hour on Fridays".
  {
    concept: 'rationed',
    stems: [
      'только на',
      'на час',
      'на 10 минут',
      'минут в',
      'раз в неделю',
      'по пятницам',
      'по воскресеньям',
      'по субботам',
      'once a week',
      'only on',
      'for an hour',
      'аптасына',
      'тек сенбі',
      'тек жексенбі',
      'тек жұма',
    ],
  },
  // Safe now, the story over: "я уже дома", "вернулась домой", "already home", "елге оралдым".
  {
    concept: 'safeNow',
    stems: [
      'уже дома',
      'вернулась домой',
      'вернулся домой',
      'already home',
      'back home now',
      'елге оралдым',
      'үйге оралдым',
      'үйдемін қазір',
    ],
  },
  {
    concept: 'joke',
    stems: ['ахах', 'хаха', 'haha', 'ha ha', 'lol', 'шутка', 'шучу', 'joke', 'joking', 'prikol', 'прикол'],
  },
  { concept: 'lost', stems: ['потерял', 'потеряла', 'lost', 'жоғалт', 'утерял'] },
];
