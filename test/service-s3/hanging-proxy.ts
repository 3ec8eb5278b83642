/**
 * A TCP relay on 127.0.0.1 in front of a real server that can be told to hang: from then on it
 * accepts connections and bytes and never answers, as a storage that is up but stuck does.
 */
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

export interface HangingProxy {
  endpoint: string;
  hang(): void;
  resume(): void;
  /** Requests received while hanging, still unanswered. */
  readonly held: number;
  close(): Promise<void>;
}

export async function startHangingProxy(target: { host: string; port: number }): Promise<HangingProxy> {
  let hanging = false;
  let held = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    const upstream = createConnection(target);
    sockets.add(upstream);
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('data', (chunk) => {
      if (hanging) held += 1;
      else upstream.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    hang: () => (hanging = true),
    resume: () => {
      hanging = false;
      held = 0;
    },
    get held() {
      return held;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
