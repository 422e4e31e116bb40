/**
 * External links may open in the user's browser only when they are plain https (or mailto) URLs: no file:,
 * no custom schemes that launch other programs, no credentials smuggled in the authority.
 */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' && u.hostname.length > 0 && u.username === '' && u.password === '') || u.protocol === 'mailto:';
  } catch {
    return false;
  }
}
