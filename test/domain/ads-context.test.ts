import { describe, expect, it } from 'vitest';
import { type AdVerdict, analyzeAd } from '../../src/domain/ads/analyze.js';
import { loadLexicon } from '../../src/infra/content.js';

/*
 * A word becomes a red flag in its context: who is speaking (an offer, or a report of what happened), where
 * (a restaurant or a night club), to whom (minors invited, or minors spoken of), and what else the ad says
 * openly. The texts here are written for the test, not taken from the corpus.
 */
const lexicon = loadLexicon();
const analyze = (text: string) => analyzeAd(lexicon, text);
const ids = (v: AdVerdict) => v.flags.map((f) => f.id);
const high = (v: AdVerdict) => v.risk === 'high' || v.risk === 'critical';

describe('what happened, told in a warning, is no offer', () => {
  it('a warning that tells how a passport was taken raises no flags', () => {
    const v = analyze('Знакомая поехала работать в Турцию, там у неё забрали паспорт. Будьте осторожны.');
    expect(v.warning).toBe(true);
    expect(ids(v)).not.toContain('passport_retention');
  });
  it('an offer that says it will take the passport is one', () => {
    const v = analyze('Работа в Турции, отель. Паспорт по приезду забирает менеджер. Пишите в директ.');
    expect(v.warning).toBe(false);
    expect(ids(v)).toContain('passport_retention');
  });
});

describe('an honest ad that also warns', () => {
  it('is an ad: an employer that names itself, the job and the pay, with advice against scammers', () => {
    const v = analyze(
      'Отель Lara Sun Palace 5* (Анталья) — ТОО «Сапар Тур», Алматы, ул. Абая 10. Вакансии на сезон: официант, зарплата 27 000 TL в месяц. ' +
        'Ни я, ни отель НЕ берём денег за трудоустройство. Осторожно, мошенники! Если кто-то просит оплату от моего имени — это мошенники, ' +
        'скидывайте скрин, не переводите деньги.',
    );
    expect(v.warning).toBe(false);
    expect(ids(v)).toContain('abroad');
    expect(high(v)).toBe(false);
  });
  it('a warning that names a site to check and the pay promised stays a warning', () => {
    const v = analyze(
      'Осторожно, мошенники! Нам пишут, что в Instagram ищут девушек в Турцию, обещают зарплату 1500$ и просят оплатить билет. ' +
        'Помните: работодатель не имеет права требовать деньги. Проверяйте агентство на enbek.kz, звоните на горячую линию.',
    );
    expect(v.warning).toBe(true);
  });
});

describe('a fare deducted, said openly in the contract', () => {
  const base =
    'ТОО «Альфа Монтаж», БИН 140640015592, г. Атырау, ул. Сатпаева 5. Требуются сварщики на вахту, зарплата 450 000 тг. ';
  it('weighs one severity less when the employment contract says it', () => {
    const v = analyze(
      `${base}Билет покупает компания, его стоимость удерживается из первой зарплаты, так прописано в трудовом договоре.`,
    );
    const flag = v.flags.find((f) => f.id === 'debt_travel_paid');
    expect(flag?.severity).toBe('medium');
    expect(high(v)).toBe(false);
  });
  it('weighs what it always did when no contract says it', () => {
    const v = analyze(`${base}Билет покупает компания, его стоимость удерживается из первой зарплаты.`);
    expect(v.flags.find((f) => f.id === 'debt_travel_paid')?.severity).toBe('high');
    expect(high(v)).toBe(true);
  });
});

describe('minors invited, or only spoken of', () => {
  it('an ensemble that asks minors to come with a parent does not target them', () => {
    const v = analyze(
      'Ансамбль народного танца Дома культуры объявляет просмотр, ул. Абая 1. Несовершеннолетние приходят с одним из родителей.',
    );
    expect(ids(v)).not.toContain('minor_targeted');
  });
  it('an ad looking for schoolgirls does', () => {
    expect(ids(analyze('Ищем школьниц на подработку, оплата каждый день, пиши в лс'))).toContain(
      'minor_targeted',
    );
  });
});

describe('disguises', () => {
  it('a word with Latin look-alikes is Cyrillic when it has a letter only Cyrillic has', () => {
    expect(ids(analyze('TPEБУЮTCЯ ДEBУШKИ ДЛЯ PAБOTЫ ЗA ГPAHИЦEЙ. T. 8 705 611 27 43'))).toContain(
      'gender_age_mismatch',
    );
  });
  it('zeros for "o" in Latin words are read as letters', () => {
    const v = analyze('W0RK in P0LAND f0r ladies, n0 visa needed, DM f0r details');
    expect(ids(v)).toContain('wrong_visa');
    expect(ids(v)).toContain('abroad');
  });
});

describe('a word needs its place', () => {
  it("a restaurant's hostess seats guests", () => {
    const v = analyze(
      'Restaurant Saffron Terrace, Doha, is hiring a Host/Hostess: greet and seat guests, manage reservations. Contract, work permit paid by the employer.',
    );
    expect(ids(v)).not.toContain('adult_entertainment');
  });
  it("a night club's hostess keeps guests company", () => {
    expect(ids(analyze('Hostess in a night club in Doha, keep guests company, 3000$, DM'))).toContain(
      'adult_entertainment',
    );
  });
  it('answering the phone is no phone taken (Kazakh "алып" alone is to meet, not to take away)', () => {
    const v = analyze(
      'Алматы, «Көкжиек» мейрамханасына хостес қажет. Міндеттері: қонақтарды күтіп алып, үстелге отырғызу, телефонға жауап беру.',
    );
    expect(ids(v)).not.toContain('restricted_freedom');
  });
});

describe('a country named is not always where the work is', () => {
  const shop =
    'ТОО «Береке Трейд», Алматы, ул. Сатпаева 30. Требуется администратор, 5/2, 300 000 тг, трудовой договор. ';
  it('a language, or where a person is from, names no destination', () => {
    expect(ids(analyze(`${shop}Знание корейского языка — плюс.`))).not.toContain('abroad');
    expect(
      ids(analyze('Алматыдағы «Нұр» клиникасына әкімші керек, кәріс тілін білу міндетті, 5/2, еңбек шарты.')),
    ).not.toContain('abroad');
    expect(
      ids(
        analyze(
          'Hi, I am a Korean engineer working in Almaty. Looking for a Russian tutor, twice a week, 8,000 KZT an hour.',
        ),
      ),
    ).not.toContain('abroad');
  });
  it("a country in a business's name in quotes is the name, not the place", () => {
    expect(
      ids(analyze(`Кафе «Стамбул Гриль» в Астане ищет повара, 5/2, 280 000 тг, трудовой договор.`)),
    ).not.toContain('abroad');
  });
  it('work abroad said not to be offered', () => {
    expect(ids(analyze(`${shop}Работа только в офисе, не удалёнка и не за границей.`))).not.toContain(
      'abroad',
    );
    expect(
      ids(
        analyze('Keruen LLP, Almaty office, hiring operators. We do not recruit operators for work abroad.'),
      ),
    ).not.toContain('abroad');
  });
  it('the same countries as destinations are still abroad', () => {
    expect(ids(analyze('Работа в Корее на заводе, 2 млн вон, пишите в ватсап.'))).toContain('abroad');
    expect(
      ids(analyze('Корей тілі міндетті емес! Кореяға зауытқа жұмысшылар керек, айлық 2 млн вон.')),
    ).toContain('abroad');
    expect(
      ids(analyze('Job in Istanbul, hotel «Grand Bosphorus», housekeeping, 900$, WhatsApp only.')),
    ).toContain('abroad');
  });
});

describe('honest papers read as such (learnt from w17 and w18 when they moved to the open part)', () => {
  it('reads "ақылы демалыс" as paid leave, not a fee for the paperwork before it', () => {
    const v = analyze(
      'Бухгалтер керек. Жұмыс беруші: «Алтын Дала» ЖШС, БСН 050640012345, Қостанай қ. Жалақы 310 000 ₸. Әлеуметтік пакет: ресми рәсімдеу, ақылы демалыс. Байланыс: 8 (7142) 50-11-22',
    );
    expect(ids(v)).not.toContain('upfront_fees');
    // "ақысыз" is free of charge, not a fee.
    expect(
      ids(analyze('Курьер керек, Алматы. Тіркеу ақысыз, жалақы 250 000 ₸. «Жедел Жеткізу» ЖШС')),
    ).not.toContain('upfront_fees');
    expect(
      ids(analyze('Жұмысқа алдымен рәсімдеу ақысы 40 000 ₸, Каспиге аударасыз. Жалақы Дубайда 2000$')),
    ).toContain('upfront_fees');
  });

  it('hears an official fee paid by the worker herself with nobody else taking money, in English and Kazakh', () => {
    const en = analyze(
      'Orchard work in New Zealand, Recognised Seasonal Employer scheme. You lodge your application and pay the visa fee to Immigration New Zealand yourself, and no one else takes money for it. Contract with the orchard before departure. Recruiter: "Green Route" LLP, BIN 190340012345, Almaty.',
    );
    expect(ids(en)).not.toContain('upfront_fees');
    const kk = analyze(
      'Норвегияда балық зауытына жұмыс. Жұмыс визасы. Виза алымын елшілікке өзіңіз төлейсіз, агенттікке ешқандай ақы төленбейді. «Солтүстік Жол» ЖШС, БСН 170240056789, лицензия № 22011234.',
    );
    expect(ids(kk)).not.toContain('upfront_fees');
  });

  it('reads a passport taken to the embassy by the worker herself as hers, not kept', () => {
    const v = analyze(
      'Чехияда қойма жұмысы. Жұмыс беруші: «Brno Logistics» s.r.o., келісімшарт кетер алдында. Виза: жұмыс визасы, паспортты өзіңіз елшілікке тапсырасыз. Агенттік: «Еуро Жұмыс» ЖШС, БСН 160540098765.',
    );
    expect(ids(v)).not.toContain('passport_retention');
    expect(
      ids(
        analyze('Чехияда қойма жұмысы. Келгенде паспортты жұмыс берушіге тапсырасыз, ол сақтайды. WhatsApp'),
      ),
    ).toContain('passport_retention');
  });

  it('reads a court report about a recruiter as news that warns, not an offer', () => {
    const v = analyze(
      'KARAGANDA: COURT JAILS RECRUITER. The regional court has sentenced a 35-year-old woman to 8 years in prison for recruiting young women with promises of cafe jobs in Istanbul. She took their passports at the airport and sold them to a nightclub owner.',
    );
    expect(high(v)).toBe(false);
  });
});
