/** Reading the customs archives without extracting them: entries are streamed, never held whole. */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

export interface ZipEntryInfo {
  name: string;
  size: number;
  modified: Date;
}

export interface OpenZip {
  entries: ZipEntryInfo[];
  read(name: string): Promise<Buffer>;
  stream(name: string): Promise<Readable>;
  close(): void;
}

export async function openZip(path: string): Promise<OpenZip> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const raw = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) raw.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  const entry = (name: string) => {
    const found = raw.get(name);
    if (!found) throw new Error(`${path} has no entry ${name}`);
    return found;
  };
  const stream = (name: string) =>
    new Promise<Readable>((resolve, reject) =>
      zip.openReadStream(entry(name), (error, readable) => (error ? reject(error) : resolve(readable))),
    );
  return {
    entries: [...raw.values()].map((e) => ({
      name: e.fileName,
      size: e.uncompressedSize,
      // DOS times carry no zone: reading them as UTC keeps the result independent of the machine.
      modified: e.getLastModDate({ timezone: 'UTC' }),
    })),
    async read(name) {
      const chunks: Buffer[] = [];
      for await (const chunk of await stream(name)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    stream,
    close: () => zip.close(),
  };
}
