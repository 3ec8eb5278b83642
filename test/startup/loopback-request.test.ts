/**
 * The warm-up's request to the server itself: over a real loopback socket when the server can be
 * reached, through the app directly when it cannot.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackRequest } from '../../src/adapters/loopback-request.js';

let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    response.statusCode = request.url === '/fiche/55.pdf' ? 200 : 404;
    response.end(`socket ${request.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const direct = (path: string) => new Response(`app ${path}`, { status: 200 });

describe('a request of the server to itself', () => {
  it('goes over the socket, with its status and body', async () => {
    const answer = await loopbackRequest(baseUrl, direct)('/fiche/55.pdf');
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('socket /fiche/55.pdf');
    const missing = await loopbackRequest(baseUrl, direct)('/fiche/00.pdf');
    expect(missing.status).toBe(404);
  });

  it('asks the app directly when the socket cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const unreachable = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const answer = await loopbackRequest(unreachable, direct)('/fiche/55.pdf');
    expect(await answer.text()).toBe('app /fiche/55.pdf');
  });

  it('asks the app directly when the socket stays silent, instead of keeping the server from ever being ready', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const answer = await loopbackRequest(url, direct, { idleTimeoutMs: 200 })('/fiche/55.pdf');
      expect(await answer.text()).toBe('app /fiche/55.pdf');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
