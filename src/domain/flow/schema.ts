import { z } from 'zod';

/**
 * The flow language: what the NGO writes in flows/*.yaml. It is kept small on purpose (see DESIGN.md):
 * steps run in order, `when` skips a step, `goto` and `end` jump, and every condition is data.
 */

/** Ids are stored in people's answers and sent in Telegram's 64-byte callback_data: short ASCII. */
export const IdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,23}$/,
    'ids are 1-24 characters of a-z, 0-9, _ and -, starting with a letter or digit',
  );
export const TextKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a text key looks like section.name, as in locales/en.json');

export type Condition =
  | { answer: string; in: string[] }
  | { answer: string; notIn: string[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ answer: IdSchema, in: z.array(IdSchema).min(1) }).strict(),
    z.object({ answer: IdSchema, notIn: z.array(IdSchema).min(1) }).strict(),
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
  ]),
);

/** A red flag id of the catalogue (src/domain/flags.ts); never sent in a button, so it may be longer. */
export const FlagIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,47}$/, 'a red flag id from src/domain/flags.ts');

/** A red flag an answer raises, optionally only when earlier answers say so. */
export const RaisedFlagSchema = z.union([
  FlagIdSchema,
  z.object({ flag: FlagIdSchema, when: ConditionSchema }).strict(),
]);
export type RaisedFlag = z.infer<typeof RaisedFlagSchema>;

/** What the bot uses a flow as; what each role asks of a flow is in roles.ts. */
export const FLOW_ROLES = ['menu', 'language', 'forget', 'ad', 'check', 'callback'] as const;
export type FlowRole = (typeof FLOW_ROLES)[number];

/** Named effects of the bot a menu option can run; the interpreter only reports them. */
export const ACTIONS = [
  'menu',
  'counsellor',
  'language',
  'set_language',
  'about',
  'help',
  'verdict',
  'forget',
  'ad_verdict',
  'check_with_ad',
  'hotline',
  'open_ticket',
  'relay',
] as const;
export const ActionSchema = z.enum(ACTIONS);
export type Action = z.infer<typeof ActionSchema>;

export const OptionSchema = z
  .object({
    id: IdSchema,
    text: TextKeySchema,
    flags: z.array(RaisedFlagSchema).optional(),
    /** Choosing the option starts another flow. */
    start: IdSchema.optional(),
    /** Choosing the option runs a named action. */
    action: ActionSchema.optional(),
    /** An argument for the action (the language code for set_language). */
    value: z.string().max(16).optional(),
    when: ConditionSchema.optional(),
    /**
     * A time of day this answer stands for, in the counsellors' time zone ("09:00-12:00"): shown only
     * when counsellors work within it, with the hours they do ("Morning (09:00–12:00)").
     */
    /**
     * Phrases that mean this answer when typed, in any language ("they keep it", "у них", "өздерінде"): each
     * is found by its words' stems, in any order (src/domain/meaning.ts).
     */
    means: z.array(z.string().min(1).max(60)).max(60).optional(),
    /**
     * The numbers this answer stands for when one is typed ("мне 17", "20" at "How old are you?"): from
     * `min` to `max`, both included. A number that is a button's place is the button.
     */
    number: z
      .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
      .strict()
      .refine((r) => r.min <= r.max, 'min is above max')
      .optional(),
    time: z
      .string()
      .regex(/^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'a time of day looks like 09:00-12:00')
      .optional(),
  })
  .strict()
  .refine((o) => !(o.start && o.action), {
    message: 'an option either starts a flow or runs an action, not both',
  });
export type Option = z.infer<typeof OptionSchema>;

const base = {
  id: IdSchema,
  when: ConditionSchema.optional(),
};

export const ChoiceStepSchema = z
  .object({
    ...base,
    kind: z.literal('choice'),
    text: TextKeySchema,
    hint: TextKeySchema.optional(),
    options: z.array(OptionSchema).min(1).max(12),
    /**
     * The advice shown when the person answers "I don't know". Its presence adds that answer; every
     * question of a `check` flow must have it, because not knowing is itself advice.
     */
    unknown: TextKeySchema.optional(),
    /** A menu, not a question: no "I don't know", and not counted among the answers. */
    menu: z.boolean().optional(),
  })
  .strict();

export const InputStepSchema = z
  .object({
    ...base,
    kind: z.literal('input'),
    text: TextKeySchema,
    hint: TextKeySchema.optional(),
    /**
     * `text`: the answer is kept. `ad`: a job ad, read by the analyzer in memory and never stored (the
     * answer keeps only that one was given). `phone`: a phone number, typed or shared, kept in E.164.
     */
    validate: z.enum(['text', 'ad', 'phone']).default('text'),
    /** The label of a button that leaves the question unanswered (an optional note). */
    skip: TextKeySchema.optional(),
    /** Longest accepted answer, in characters. */
    maxLength: z.number().int().min(1).max(8192).default(500),
  })
  .strict();

/**
 * Where the person stands, for advice: weighing an offer, already there and safe, or in danger now.
 * Advice that is right for one can be risky for another (confronting an employer, keeping notes that
 * could be found, asking for papers): every piece of advice says whom it is for.
 */
export const SITUATIONS = ['considering', 'there', 'in_danger'] as const;
export type Situation = (typeof SITUATIONS)[number];

export const MessageStepSchema = z
  .object({
    ...base,
    kind: z.literal('message'),
    text: TextKeySchema,
    /** Advice after a verdict: the situations it is for (see SITUATIONS); flows:check requires it there. */
    for: z.array(z.enum(SITUATIONS)).min(1).optional(),
    /** Advice after a verdict: only at these levels ("before you leave" does not follow "don't go"). */
    levels: z
      .array(z.enum(['low', 'medium', 'high', 'critical']))
      .min(1)
      .optional(),
  })
  .strict();
export const ActionStepSchema = z
  .object({ ...base, kind: z.literal('action'), action: ActionSchema })
  .strict();
export const GotoStepSchema = z.object({ ...base, kind: z.literal('goto'), to: IdSchema }).strict();
export const EndStepSchema = z
  .object({ ...base, kind: z.literal('end'), text: TextKeySchema.optional() })
  .strict();

export const StepSchema = z.discriminatedUnion('kind', [
  ChoiceStepSchema,
  InputStepSchema,
  MessageStepSchema,
  ActionStepSchema,
  GotoStepSchema,
  EndStepSchema,
]);
export type Step = z.infer<typeof StepSchema>;
export type ChoiceStep = z.infer<typeof ChoiceStepSchema>;
export type InputStep = z.infer<typeof InputStepSchema>;
export type QuestionStep = ChoiceStep | InputStep;

export const FlowSchema = z
  .object({
    id: IdSchema,
    /** Bump when you change the flow; people mid-flow continue at their next unanswered question. */
    version: z.number().int().min(1),
    /** `check`: a questionnaire whose answers make a verdict; `menu`: navigation. */
    kind: z.enum(['check', 'menu']),
    /** What the bot uses this flow as (see roles.ts): the menu, the offer check, the callback form... */
    role: z.enum(FLOW_ROLES).optional(),
    /** The questions the bot reads by meaning, by role: `{ consent: consent }` (see roles.ts). */
    roles: z.record(IdSchema, IdSchema).optional(),
    title: TextKeySchema,
    /**
     * When the answers describe danger now (the person is already there), not an offer being weighed:
     * only then do signs of forced labour bring the emergency numbers first. Always, when not given.
     */
    emergencyWhen: ConditionSchema.optional(),
    steps: z.array(StepSchema).min(1),
  })
  .strict();
export type Flow = z.infer<typeof FlowSchema>;

export function isQuestion(step: Step): step is QuestionStep {
  return step.kind === 'choice' || step.kind === 'input';
}

/** The answer id given for "I don't know". */
export const DONT_KNOW = 'dk';
