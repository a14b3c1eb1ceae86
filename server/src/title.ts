import { MAX_TITLE_LENGTH } from './protocol.js';

/**
 * The title a POST names its page with (docs/protocol.md#post-counts), as the statistics keep it:
 * white space collapsed, control characters gone, at most `MAX_TITLE_LENGTH` characters.
 * Anything but a string, or nothing left, is no title: a share never fails because of its title.
 */
export function pageTitle(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const title = raw.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
  if (title === '') return undefined;
  // By code points, so a character outside the BMP is never cut in half.
  const characters = Array.from(title);
  return characters.length > MAX_TITLE_LENGTH ? characters.slice(0, MAX_TITLE_LENGTH).join('').trimEnd() : title;
}
