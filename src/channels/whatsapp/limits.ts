/**
 * What Meta's Cloud API accepts in one message (checked against its documentation for the pinned Graph
 * version). A message over any of these is refused with error 131009 or 100, and the person gets nothing:
 * the renderer keeps within them and the outgoing schema checks it before anything is sent.
 */
export const MAX_TEXT = 4096;
/** The body of a message with reply buttons or a list. */
export const MAX_INTERACTIVE_BODY = 1024;
export const MAX_BUTTONS = 3;
export const MAX_BUTTON_TITLE = 20;
export const MAX_BUTTON_ID = 256;
/** Rows of a list, across all its sections. */
export const MAX_LIST_ROWS = 10;
export const MAX_LIST_SECTIONS = 10;
export const MAX_ROW_TITLE = 24;
export const MAX_ROW_DESCRIPTION = 72;
export const MAX_ROW_ID = 200;
/** The button that opens a list. */
export const MAX_LIST_BUTTON = 20;
export const MAX_SECTION_TITLE = 24;

/**
 * The longest text (or caption) of a person's message tekser reads, in UTF-16 units: the rest is cut before
 * anything else looks at it (WhatsApp lets a person send 65,536 characters, and a signed notification can
 * carry more). As long as the longest ad the analyzer reads, so nothing it would have read is lost.
 */
export const MAX_INCOMING_TEXT = 8192;

const MB = 1024 * 1024;

/**
 * The media a business sends, at most, by Meta's message type ("Supported media types" of the Cloud API,
 * restated in AWS End User Messaging's WhatsApp guide): images (JPEG, PNG) 5 MB; audio (AAC, AMR, MP3,
 * M4A, OGG with Opus) and video (MP4, 3GPP: H.264 with AAC) 16 MB; documents 100 MB. Stickers (WebP,
 * 100 KB, 500 KB animated) are never passed on.
 */
export const MAX_OUTGOING_MEDIA = {
  image: 5 * MB,
  audio: 16 * MB,
  video: 16 * MB,
  document: 100 * MB,
} as const;
export type OutgoingMediaType = keyof typeof MAX_OUTGOING_MEDIA;

/** The types each kind takes; anything else goes as a document. */
export const MEDIA_TYPES: Record<Exclude<OutgoingMediaType, 'document'>, readonly string[]> = {
  image: ['image/jpeg', 'image/png'],
  audio: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
  video: ['video/mp4', 'video/3gpp'],
};
