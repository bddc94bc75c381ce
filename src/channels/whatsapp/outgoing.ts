import { z } from 'zod';
import {
  MAX_BUTTON_ID,
  MAX_BUTTON_TITLE,
  MAX_BUTTONS,
  MAX_INTERACTIVE_BODY,
  MAX_LIST_BUTTON,
  MAX_LIST_ROWS,
  MAX_LIST_SECTIONS,
  MAX_ROW_DESCRIPTION,
  MAX_ROW_ID,
  MAX_ROW_TITLE,
  MAX_SECTION_TITLE,
  MAX_TEXT,
} from './limits.js';

/**
 * What tekser sends to `POST /{phone-number-id}/messages`: the subset of Meta's message objects it uses,
 * with Meta's limits. A body that fails here is a bug in tekser, caught before Meta refuses it.
 */
const nonBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, 'blank');

const Body = z.object({ text: nonBlank(MAX_INTERACTIVE_BODY) });

const ButtonsInteractive = z.object({
  type: z.literal('button'),
  body: Body,
  action: z.object({
    buttons: z
      .array(
        z.object({
          type: z.literal('reply'),
          reply: z.object({ id: nonBlank(MAX_BUTTON_ID), title: nonBlank(MAX_BUTTON_TITLE) }),
        }),
      )
      .min(1)
      .max(MAX_BUTTONS)
      .refine((bs) => new Set(bs.map((b) => b.reply.id)).size === bs.length, 'button ids repeat')
      .refine((bs) => new Set(bs.map((b) => b.reply.title)).size === bs.length, 'button titles repeat'),
  }),
});

const Row = z.object({
  id: nonBlank(MAX_ROW_ID),
  title: nonBlank(MAX_ROW_TITLE),
  description: z.string().max(MAX_ROW_DESCRIPTION).optional(),
});

const ListInteractive = z.object({
  type: z.literal('list'),
  body: Body,
  action: z
    .object({
      button: nonBlank(MAX_LIST_BUTTON),
      sections: z
        .array(z.object({ title: nonBlank(MAX_SECTION_TITLE).optional(), rows: z.array(Row).min(1) }))
        .min(1)
        .max(MAX_LIST_SECTIONS),
    })
    .refine((a) => a.sections.flatMap((s) => s.rows).length <= MAX_LIST_ROWS, 'more than 10 rows')
    .refine((a) => {
      const ids = a.sections.flatMap((s) => s.rows.map((r) => r.id));
      return new Set(ids).size === ids.length;
    }, 'row ids repeat')
    .refine((a) => a.sections.length === 1 || a.sections.every((s) => s.title), 'sections need titles'),
});

/** Media uploaded first (`POST /{phone-number-id}/media`), sent by its id. */
const MediaById = z.object({ id: nonBlank(256) });

/** A message's content, without the envelope (recipient, product): what the renderer makes. */
export const OutgoingContentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('image'), image: MediaById }),
  z.object({ type: z.literal('audio'), audio: MediaById }),
  z.object({ type: z.literal('video'), video: MediaById }),
  z.object({
    type: z.literal('document'),
    document: MediaById.extend({ filename: z.string().min(1).max(240).optional() }),
  }),
  z.object({
    type: z.literal('text'),
    text: z.object({ body: nonBlank(MAX_TEXT), preview_url: z.boolean() }),
  }),
  z.object({
    type: z.literal('interactive'),
    interactive: z.discriminatedUnion('type', [ButtonsInteractive, ListInteractive]),
  }),
  z.object({
    type: z.literal('template'),
    template: z.object({
      name: z.string().regex(/^[a-z0-9_]{1,512}$/),
      language: z.object({ code: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/) }),
    }),
  }),
]);
export type OutgoingContent = z.infer<typeof OutgoingContentSchema>;

export const OutgoingMessageSchema = z.intersection(
  z
    .object({
      messaging_product: z.literal('whatsapp'),
      recipient_type: z.literal('individual'),
      /** A phone number (wa_id). */
      to: z.string().min(1).max(64).optional(),
      /** A business-scoped user id, for a person whose number Meta does not give. */
      recipient: z.string().min(1).max(128).optional(),
    })
    .refine((m) => (m.to === undefined) !== (m.recipient === undefined), 'to or recipient'),
  OutgoingContentSchema,
);
export type OutgoingMessage = z.infer<typeof OutgoingMessageSchema>;

/** Meta's answer to a message sent. */
export const SentSchema = z.object({ messages: z.array(z.object({ id: z.string() })).min(1) });

/** Meta's answer to a file uploaded. */
export const UploadedSchema = z.object({ id: z.string().min(1) });

/** Meta's answer when a request fails (Graph API error object). */
export const GraphErrorSchema = z.object({
  error: z.object({
    code: z.number().int(),
    message: z.string().optional(),
    type: z.string().optional(),
    error_subcode: z.number().int().optional(),
    error_data: z.object({ details: z.string().optional() }).passthrough().optional(),
    fbtrace_id: z.string().optional(),
  }),
});
