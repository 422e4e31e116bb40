/**
 * An IPC message is trusted only when it comes from our own renderer page: the top frame of one of our
 * windows, showing the bundled index.html from disk. Anything else (a navigated frame, an iframe, a page
 * that is not ours) is refused before its payload is even looked at.
 */
export function isTrustedSenderUrl(senderUrl: string | undefined, rendererIndexUrl: string): boolean {
  if (!senderUrl) return false;
  let sender: URL;
  let expected: URL;
  try {
    sender = new URL(senderUrl);
    expected = new URL(rendererIndexUrl);
  } catch {
    return false;
  }
  return (
    sender.protocol === 'file:' &&
    expected.protocol === 'file:' &&
    sender.host === expected.host &&
    decodeURIComponent(sender.pathname) === decodeURIComponent(expected.pathname)
  );
}
