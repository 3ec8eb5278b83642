/**
 * Where readers reach the service, as the app sees it in a request's URL (`new URL(url).origin`):
 * a scheme and a host, with the port if not the default. The web page's newsletter snippets carry
 * absolute addresses made from it, so a path or a query here would break every image in them.
 */
export const WEB_ORIGIN_EXAMPLE = 'https://fiches.example.fr';

/** The origin, or the reason (in English, for engineers) why the value is not one. */
export function parseWebOrigin(value: string): { origin: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: `${JSON.stringify(value)} is not a URL; expected e.g. ${WEB_ORIGIN_EXAMPLE}` };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value.replace(/\/$/, '')) {
    return { error: `expected only a scheme and a host, e.g. ${WEB_ORIGIN_EXAMPLE}, got ${JSON.stringify(value)}` };
  }
  return { origin: url.origin };
}
