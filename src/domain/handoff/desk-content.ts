import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Lang } from '../language.js';

/**
 * What the NGO edits for its counsellors' desk, in flows/desk/: canned replies, short answers in three
 * languages a counsellor sends with `/reply <name>`, and the organisations a request may be referred to
 * when it is closed. Validated here, at load and by flows:check.
 */

/** Ids travel in Telegram's 64-byte callback data, after a ticket id: short ASCII. */
const DeskIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,19}$/, 'an id is 1-20 characters of a-z, 0-9, _ and -');

const Texts = (max: number) =>
  z
    .object({
      ru: z.string().min(2).max(max),
      kk: z.string().min(2).max(max),
      en: z.string().min(2).max(max),
    })
    .strict();

export const CannedReplySchema = z
  .object({
    id: DeskIdSchema,
    /** The button's words for counsellors (in the operators' language). */
    label: Texts(30),
    /** What the person gets, in her language; `{{hotline}}` becomes the hotline line. */
    text: Texts(1500),
  })
  .strict();
export type CannedReply = z.infer<typeof CannedReplySchema>;

export const CannedRepliesSchema = z
  .object({ replies: z.array(CannedReplySchema).min(1).max(20) })
  .strict()
  .superRefine((file, ctx) => unique(file.replies, ctx, 'replies'));

/** The referral a counsellor picks when she referred the person nowhere: kept, never an organisation's id. */
export const NO_REFERRAL = 'none';

export const ReferralSchema = z
  .object({
    id: DeskIdSchema.refine((id) => id !== NO_REFERRAL, `"${NO_REFERRAL}" is kept for "no referral"`),
    /** The organisation's name, on a button for counsellors and in a reminder. */
    name: Texts(40),
  })
  .strict();
export type Referral = z.infer<typeof ReferralSchema>;

/** The list may be empty: the Resolve wizard then asks no referral. */
export const ReferralsSchema = z
  .object({ organisations: z.array(ReferralSchema).max(20) })
  .strict()
  .superRefine((file, ctx) => unique(file.organisations, ctx, 'organisations'));

function unique(items: readonly { id: string }[], ctx: z.RefinementCtx, path: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id))
      ctx.addIssue({ code: 'custom', message: `"${item.id}" twice`, path: [path, i, 'id'] });
    seen.add(item.id);
  });
}

function parseWith<T>(schema: z.ZodType<T>, source: string, file: string): T {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (err) {
    throw new Error(`${file}: not YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n'),
    );
  return parsed.data;
}

export function parseCannedReplies(source: string, file: string): CannedReply[] {
  return parseWith(CannedRepliesSchema, source, file).replies;
}

export function parseReferrals(source: string, file: string): Referral[] {
  return parseWith(ReferralsSchema, source, file).organisations;
}

/** A referral's name in a language; "none" and an id no longer in the file are given back as they are. */
export function referralName(referrals: readonly Referral[], id: string, lang: Lang): string | undefined {
  if (id === NO_REFERRAL) return undefined;
  return referrals.find((r) => r.id === id)?.name[lang] ?? id;
}

/** A canned reply's text for the person, in her language, the hotline filled in. */
export function cannedText(reply: CannedReply, lang: Lang, hotline: string): string {
  return reply.text[lang].replaceAll('{{hotline}}', hotline).trim();
}
