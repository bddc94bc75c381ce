import { describe, expect, it } from 'vitest';
import { SEEN_TTL_SECONDS } from '../../src/channels/whatsapp/intake.js';
import { SEEN_MESSAGE_DAYS } from '../../src/domain/dialogue/commands.js';
import { handle } from '../../src/domain/dialogue/index.js';
import type { Lang } from '../../src/domain/language.js';
import { deps as makeDeps, text } from '../helpers/content.js';

const d = await makeDeps();

describe('/privacy', () => {
  for (const lang of ['ru', 'kk', 'en'] as Lang[]) {
    it(`says what stays after /forget, and for how long (${lang})`, () => {
      const turn = handle(d, null, { kind: 'command', command: 'privacy' }, { now: 0, platformLang: lang });
      const said = turn.replies.map((r) => r.text).join('\n');
      expect(said).toContain(d.t(lang)('privacy.after_forget', { seenDays: SEEN_MESSAGE_DAYS }));
      // Message-id hashes, for as long as they are really kept; counsellors' own messages in their chat.
      expect(said).toContain(text(lang, 'privacy.after_forget').split('{{seenDays}}')[1]?.slice(0, 30));
    });
  }

  it('gives the days message-id hashes are really kept', () => {
    expect(SEEN_MESSAGE_DAYS * 86_400).toBe(SEEN_TTL_SECONDS);
  });
});
