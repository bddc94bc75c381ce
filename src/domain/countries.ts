import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { normalizeAnswer } from './text.js';

/**
 * Destination countries, as the NGO keeps them in flows/countries/countries.yaml: what a person abroad in
 * danger can call there (the local emergency numbers, Kazakhstan's embassy or consulate), each fact with
 * the page it was read on and the day it was checked. A number nobody could source is left out, and the
 * person is pointed to the Ministry of Foreign Affairs' list instead: a wrong number costs more than none.
 */

const SourceSchema = z
  .object({
    url: z.url(),
    /** The day someone read the page and checked the fact (YYYY-MM-DD). */
    checked: z.iso.date(),
    /** What a reader should know about the page (its own date, a doubt). */
    note: z.string().optional(),
  })
  .strict();

const PhoneSchema = z
  .string()
  .regex(/^\+?[0-9][0-9 ()-]{1,24}$/, 'a phone number of digits, spaces, ( ) and -');

export const CountrySchema = z
  .object({
    /** Short id, kept in a person's state. */
    id: z.string().regex(/^[a-z][a-z_]{1,23}$/),
    /** The answer of the offer check's "where" question this country belongs to. */
    region: z.string().min(1),
    /** Its name, as the bot writes it in each language. */
    name: z.object({ ru: z.string().min(2), kk: z.string().min(2), en: z.string().min(2) }),
    /**
     * How people type it, as word beginnings in any language or script, so that endings vary freely:
     * "дуба" finds "в Дубае", "түркия" finds "Түркияда".
     */
    words: z.array(z.string().min(2)).min(1),
    emergency: z
      .array(z.object({ number: PhoneSchema, what: z.string().min(2), source: SourceSchema }).strict())
      .default([]),
    embassy: z
      .object({
        name: z.string().min(3),
        phone: PhoneSchema,
        /** A duty phone answered out of hours, when the mission publishes one. */
        duty: PhoneSchema.optional(),
        source: SourceSchema,
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((c) => c.emergency.length > 0 || c.embassy, {
    message: 'a country needs its emergency numbers or its embassy, each with a source',
  });
export type Country = z.infer<typeof CountrySchema>;

export const CountriesSchema = z
  .object({
    /** Where every mission of Kazakhstan is listed, for a country whose embassy number is not here. */
    missionsList: z.object({ url: z.url(), source: SourceSchema }),
    countries: z.array(CountrySchema).min(1),
  })
  .strict();
export type Countries = z.infer<typeof CountriesSchema>;

export function parseCountries(text: string, file: string): Countries {
  const parsed = CountriesSchema.safeParse(parseYaml(text));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(lines.join('\n'));
  }
  return parsed.data;
}

/** Entries whose facts were checked more than a year before `today`: flows:check warns about them. */
export function staleEntries(countries: Countries, today: string): string[] {
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() - 1);
  const old = (checked: string) => new Date(`${checked}T00:00:00Z`) < limit;
  const out: string[] = [];
  for (const c of countries.countries) {
    for (const e of c.emergency)
      if (old(e.source.checked)) out.push(`${c.id}: emergency ${e.number} checked ${e.source.checked}`);
    if (c.embassy && old(c.embassy.source.checked))
      out.push(`${c.id}: embassy checked ${c.embassy.source.checked}`);
  }
  return out;
}

/** The country a person named, in any of the languages ("в Дубае" is matched by "дуба"). */
export function countryNamed(countries: Countries, text: string): Country | undefined {
  const typed = ` ${normalizeAnswer(text)} `;
  for (const c of countries.countries) {
    if (c.words.some((w) => typed.includes(` ${normalizeAnswer(w)}`))) return c;
  }
  return undefined;
}

export function countriesIn(countries: Countries, region: string | undefined): Country[] {
  return region ? countries.countries.filter((c) => c.region === region) : [];
}
