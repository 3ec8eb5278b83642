/**
 * Asks the server itself for a path over a loopback socket, as a reader would, so that the whole path
 * of a request is compiled: Node's HTTP parser and the adapter between Node and the app too, not only
 * the app. If the socket fails (an address this host cannot reach itself on), the app answers directly:
 * a warm-up must not fail for want of a network path.
 */
import { get } from 'node:http';

export function loopbackRequest(baseUrl: string, direct: (path: string) => Response | Promise<Response>): (path: string) => Promise<Response> {
  return (path) =>
    new Promise<Response>((resolve) => {
      const viaApp = () => resolve(direct(path));
      get(`${baseUrl}${path}`, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: response.statusCode })));
        response.on('error', viaApp);
      }).on('error', viaApp);
    });
}
