/**
 * The names of the lexicon's cues the code asks for by name (flows/lexicon/ads.yaml): the analyzer's decisions
 * (an ad, a question, a story) and the warning's (an honest ad that also warns) read the same cues.
 */
/** The cue of words every job ad uses ("вакансия", "зарплата", "hiring", "жұмыс"). */
export const JOB_AD_CUE = 'job_ad';
/** The cue of an amount of money. */
export const PAY_CUE = 'pay_amount';
/** The cue of a relative named without "my" and then spoken of: "Подруга в Корее…, она боится". */
export const CLOSE_SPOKEN_OF_CUE = 'close_person_spoken_of';
/** The cue of the one who writes speaking of herself: "я", "менің", "my". */
export const FIRST_PERSON_CUE = 'first_person';
/** The recruiter says it takes nothing from candidates: see `firstPerson`. */
export const RECRUITER_FREE_CUE = 'recruiter_free';
/** The cue of someone close to the one who writes: "моя сестра", "my cousin", "сіңлім". */
export const CLOSE_PERSON_CUE = 'close_person_named';
/** The cue of a way to reach a person: a phone, a handle, "пиши в тг", "сәлем, қарындасым". */
export const CONTACT_CUE = 'personal_contact';
/** The cue of an offer hiring ("требуются", "ищем", "қабылдаймыз", "wanted"): an ad's, never a story's. */
export const HIRING_CUE = 'hiring';
/** The cue of a call to apply ("пишите", "хабарласыңыз", "contact us"): how an ad ends. */
export const APPLY_CUE = 'apply_call';
/** The cue of money an agency or an employer asks of her, as she tells it: an amount that is no wage. */
export const FEE_DEMANDED_CUE = 'fee_demanded';
/** The cue of an employer named so it can be checked: a company's form and name, a BIN, a licence. */
export const COMPANY_CUE = 'company_identity';
/** The cue of a question whether a practice is normal: "Это нормально?", "Бұл қалыпты ма?", "Is it legal?". */
export const ASKS_IF_NORMAL_CUE = 'asks_if_normal';
/** The cue of an agency's papers shown: a BIN, a licence's number, the state register. */
export const AGENCY_PAPERS_CUE = 'agency_papers';
/** The cue of a job named and wanted in a sentence that asks nothing: "Хостес керек, Алматы", "Nanny needed". */
export const JOB_WANTED_CUE = 'job_wanted';
