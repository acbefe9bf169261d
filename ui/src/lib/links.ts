// Which addresses may be links out of the app: http, https and mailto, nothing else (no
// javascript:, data:, file:, or relative paths that would navigate the app's own window).

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The address as it should be linked, or null if it may not be a link. */
export function externalUrl(value: string): string | null {
  const trimmed = value.trim();
  // Only absolute addresses: a scheme is required, so nothing resolves against the app's origin.
  if (!/^(?:https?:\/\/|mailto:)/i.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  if (url.username !== '' || url.password !== '') return null; // https://bank.se@evil.example
  return url.href;
}

/** Whether `value` is an address that may be a link out of the app. */
export function isExternalUrl(value: string): boolean {
  return externalUrl(value) !== null;
}

/** Whether a link to `href` opens in a new browser tab (mail links open the mail program). */
export function opensInNewTab(href: string): boolean {
  return /^https?:/i.test(href);
}
