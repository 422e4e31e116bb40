/**
 * A viewer link opened in a browser: the hub serves the web view at /view/, and the invite rides in the URL's
 * fragment, which a browser never sends to a server, so no request line, proxy or access log ever holds it.
 */
export function browserViewLink(hubUrl: string, viewerToken: string): string {
  return `${hubUrl.replace(/\/+$/, '')}/view/#${viewerToken}`;
}
