/**
 * Asks the server itself for a path over a loopback socket, as a reader would, so that the whole path
 * of a request is compiled: Node's HTTP parser and the adapter between Node and the app too, not only
 * the app. If the socket fails (an address this host cannot reach itself on) or stays silent (a
 * filter that drops loopback packets), the app answers directly: a warm-up must neither fail nor hang
 * for want of a network path, or the server would never say it is ready.
 */
import { get } from 'node:http';

/** Silence after which the socket is given up; a warm-up render takes well under a second. */
const IDLE_TIMEOUT_MS = 10_000;

export function loopbackRequest(
  baseUrl: string,
  direct: (path: string) => Response | Promise<Response>,
  { idleTimeoutMs = IDLE_TIMEOUT_MS }: { idleTimeoutMs?: number } = {},
): (path: string) => Promise<Response> {
  return (path) =>
    new Promise<Response>((resolve) => {
      let settled = false;
      const viaApp = () => {
        if (settled) return;
        settled = true;
        resolve(direct(path));
      };
      const request = get(`${baseUrl}${path}`, { timeout: idleTimeoutMs }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (settled) return;
          settled = true;
          resolve(new Response(Buffer.concat(chunks), { status: response.statusCode }));
        });
        response.on('error', viaApp);
      });
      request.on('timeout', () => {
        request.destroy();
        viaApp();
      });
      request.on('error', viaApp);
    });
}
