// The full metadata: the small one checks only lengths, and a number one digit short would pass.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Longer than any number with its spaces and brackets: anything longer is not a phone number. */
const MAX_TYPED = 40;

/**
 * A phone number a person typed or shared, in E.164 (+77012345678), or undefined when it is not a number
 * one can call. Kazakhstan is the default region, so "8 701 234 56 78" and "7012345678" both work; a
 * number from abroad needs its "+".
 */
export function parsePhone(typed: string): string | undefined {
  const text = typed.trim();
  if (text.length === 0 || text.length > MAX_TYPED) return undefined;
  // Only digits, spaces and the usual separators: "call me at 8701..." is not a number.
  if (!/^\+?[\d\s\-().]+$/.test(text)) return undefined;
  const parsed = parsePhoneNumberFromString(text, 'KZ');
  if (!parsed?.isValid()) return undefined;
  return parsed.number;
}

/** "+7 701 234 5678" for a counsellor to read and dial. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
