import { MAX_MEDIA_BYTES } from '../../app/ports.js';
import type { RelayedMedia, Reply, Translate } from '../../domain/dialogue/index.js';
import { type Lang, languageOfText } from '../../domain/language.js';
import { safeFileName } from '../download.js';
import { DeliveryError, type PersonSender } from '../sender.js';
import type { GraphApi } from './graph.js';
import { MAX_OUTGOING_MEDIA, MEDIA_TYPES, type OutgoingMediaType } from './limits.js';
import { type RenderWords, renderReply } from './render.js';

/** The language codes the reopening template must be approved in, one per language of tekser. */
export const TEMPLATE_LANGUAGES: Record<Lang, string> = { ru: 'ru', kk: 'kk', en: 'en' };

export interface WhatsAppSenderDeps {
  api: GraphApi;
  t: (lang: Lang) => Translate;
  /**
   * The person's language, for the reopening template: read (from the store) only when the template is
   * sent, which is rare.
   */
  languageOf: (id: string) => Promise<Lang>;
  /** The approved template that asks a person to write again once the 24-hour window has closed. */
  reopenTemplate?: string;
}

export function renderWords(t: Translate): RenderWords {
  return {
    choose: t('whatsapp.choose'),
    options: t('whatsapp.options'),
    more: t('whatsapp.more'),
    pick: t('whatsapp.pick'),
  };
}

/**
 * The language a reply is written in, for WhatsApp's own words around it (the list's button): the engine
 * wrote its text in the person's language, and Kazakh letters or Cyrillic say which; no letters, English.
 * (Not the labels: the language row names each language in its own.)
 */
function languageOfReply(reply: Reply): Lang {
  return languageOfText(reply.text) ?? 'en';
}

/**
 * Sends the dialogue's replies to a person on WhatsApp, in order (PersonSender). Outside the 24-hour
 * window Meta takes only templates: tekser then sends the reopening template, when one is configured
 * (the replies themselves are not delivered), or rejects with DeliveryError('outside_window') so the
 * caller knows the person must be called instead.
 */
/** The WhatsApp sender, which can also resume an answer part-way (after the instance sending it died). */
export interface WhatsAppSender extends PersonSender {
  /**
   * Sends the messages of these replies from the `skip`-th on, telling `onSent` after each but the last
   * (once the last is sent, the whole answer is).
   */
  sendFrom(id: string, replies: Reply[], skip: number, onSent: () => void): Promise<void>;
}

export function createWhatsAppSender(deps: WhatsAppSenderDeps): WhatsAppSender {
  const words = new Map<Lang, RenderWords>();
  const wordsIn = (lang: Lang) => {
    let w = words.get(lang);
    if (!w) {
      w = renderWords(deps.t(lang));
      words.set(lang, w);
    }
    return w;
  };
  const sendFrom = async (id: string, replies: Reply[], skip: number, onSent?: () => void) => {
    const contents = replies.flatMap((reply) => renderReply(reply, wordsIn(languageOfReply(reply))));
    for (const [i, content] of contents.entries()) {
      if (i < skip) continue;
      try {
        await deps.api.send(id, content);
        if (i < contents.length - 1) onSent?.();
      } catch (err) {
        if (!(err instanceof DeliveryError) || err.reason !== 'outside_window' || !deps.reopenTemplate)
          throw err;
        const lang = await deps.languageOf(id).catch((): Lang => 'ru');
        await deps.api.send(id, {
          type: 'template',
          template: { name: deps.reopenTemplate, language: { code: TEMPLATE_LANGUAGES[lang] } },
        });
        // The invitation to write back went out, but this message did not: the handoff tells the
        // counsellor, who sends it again once the person writes (or calls, if there is a number).
        throw new DeliveryError('outside_window');
      }
    }
  };
  return {
    send: (id, replies) => sendFrom(id, replies, 0),
    sendFrom,
    async fetchMedia(media, maxBytes) {
      if (!media.file) throw new DeliveryError('unsupported');
      // Meta's answer names the type; the name a document had is the webhook's.
      return { ...(await deps.api.media(media.file, maxBytes)), name: media.name };
    },
    // Fetched and uploaded first, so a refusal (too large, the platform's) sends nothing; then the
    // header (who, their caption, the way to answer) and the media by its id.
    async sendMedia(id, { media, fetch }, header) {
      const type = whatsappType(media.kind, media.mime);
      const max = Math.min(MAX_OUTGOING_MEDIA[type], MAX_MEDIA_BYTES);
      if ((media.size ?? 0) > max) throw new DeliveryError('too_large');
      const file = await fetch();
      if (file.bytes.byteLength > max) throw new DeliveryError('too_large');
      const name = safeFileName(file.name, media.kind);
      const mediaId = await deps.api.upload(file, name);
      await sendFrom(id, [header], 0);
      await deps.api.send(
        id,
        type === 'document'
          ? { type, document: { id: mediaId, filename: name } }
          : type === 'image'
            ? { type, image: { id: mediaId } }
            : type === 'audio'
              ? { type, audio: { id: mediaId } }
              : { type, video: { id: mediaId } },
      );
    },
  };
}

/** The message type a file goes as on WhatsApp: its own kind when WhatsApp takes its type, else a document. */
export function whatsappType(kind: RelayedMedia, mime: string | undefined): OutgoingMediaType {
  const base = (mime ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const as: OutgoingMediaType =
    kind === 'photo'
      ? 'image'
      : kind === 'voice' || kind === 'audio'
        ? 'audio'
        : kind === 'document'
          ? 'document'
          : 'video';
  return as === 'document' || MEDIA_TYPES[as].includes(base) ? as : 'document';
}
