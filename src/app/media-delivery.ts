import type { Translate } from '../domain/dialogue/index.js';
import { fromPersonText, personNotice, type ToOperators, type ToPerson } from '../domain/handoff/notices.js';
import type { Ticket, TicketPersonal } from '../domain/handoff/ticket.js';
import {
  DeliveryError,
  MAX_MEDIA_BYTES,
  type MediaFile,
  type OperatorsDesk,
  type PersonSender,
  type TicketRepository,
} from './ports.js';

/**
 * Photos, voice messages, audio, video and documents between a person and her counsellor (issue 17):
 * copied where both sides are Telegram, else fetched into memory (at most MAX_MEDIA_BYTES, never to disk)
 * and uploaded. What cannot be passed on is said, to her in her language and to the counsellors.
 */
export interface MediaDeliveryDeps {
  desk: OperatorsDesk;
  senders: ReadonlyMap<string, PersonSender>;
  repo: TicketRepository;
}

type PersonMedia = Extract<ToOperators, { type: 'media' }>;
type CounsellorMedia = Extract<ToPerson, { type: 'media' }>;

/** Megabytes, as people read a limit. */
const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));

/**
 * Posts media she sent with the header text messages get (her caption quoted in it): as its caption, or
 * as messages before it when it is too long or the media takes none. Returns every id posted, for /forget.
 * `postAll` posts a text in as many messages as the chat needs.
 */
export async function postPersonMedia(
  deps: MediaDeliveryDeps,
  t: Translate,
  ticket: Ticket,
  personal: TicketPersonal,
  item: PersonMedia,
  postAll: (ticket: Ticket, text: string) => Promise<number[]>,
): Promise<number[]> {
  const { desk } = deps;
  const header = fromPersonText(t, ticket.id, item.caption ?? '', item.urgent);
  const who = personal.person;
  if (!desk.postMedia || !who) {
    // A desk that shows no media (the terminal), or a person forgotten meanwhile: the words alone.
    return ticket.forgotten ? [] : postAll(ticket, header);
  }
  const copy = who.channel === desk.copiesFrom && item.media.message !== undefined;
  let file: MediaFile | undefined;
  if (!copy) {
    const fetchMedia = deps.senders.get(who.channel)?.fetchMedia;
    if (!fetchMedia) throw new DeliveryError('unsupported');
    file = await fetchMedia(item.media, MAX_MEDIA_BYTES);
  }
  const fits =
    item.media.kind !== 'video_note' && header.length <= (desk.maxCaption ?? Number.POSITIVE_INFINITY);
  const ids = fits ? [] : await postAll(ticket, header);
  const posted = await desk.postMedia(ticket, {
    ref: item.media,
    ...(fits ? { caption: header } : {}),
    // Her chat, where her message is: the reply address (the id names keys, and is a keyed hash on Telegram).
    ...(copy ? { copyFrom: who.address ?? who.id } : {}),
    ...(file ? { file } : {}),
  });
  if (posted !== undefined) ids.push(posted);
  return ids;
}

/**
 * Media she sent was larger than can be passed on: she is told in her language, with the limit, and
 * the counsellors see that she tried. Nothing of it is kept.
 */
export async function mediaTooLarge(deps: MediaDeliveryDeps, ticket: Ticket, now: number): Promise<void> {
  const mb = megabytes(MAX_MEDIA_BYTES);
  if (ticket.status !== 'resolved' && !ticket.forgotten)
    await deps.repo.toPerson(ticket.id, { type: 'media_not_passed', mb }, now);
  await deps.repo.toOperators(ticket.id, { type: 'media_not_passed', mb }, now);
}

/**
 * A counsellor's media to the person, on her channel: the header (who, their caption, the way to answer)
 * and the media. Rejects with a DeliveryError: `unsupported` when her channel passes no media on.
 */
export async function sendCounsellorMedia(
  deps: MediaDeliveryDeps,
  t: Translate,
  ticket: Ticket,
  address: string,
  sender: PersonSender,
  item: CounsellorMedia,
  hotline: string,
): Promise<void> {
  const { desk } = deps;
  const fetchFile = desk.fetchFile;
  if (!sender.sendMedia) throw new DeliveryError('unsupported');
  const [header] = personNotice(t, ticket, item, hotline);
  if (!header) return;
  await sender.sendMedia(
    address,
    {
      media: item.media,
      fetch: async () => {
        if (!fetchFile) throw new DeliveryError('unsupported');
        return fetchFile(item.media, MAX_MEDIA_BYTES);
      },
    },
    header,
  );
}
