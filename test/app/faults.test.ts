import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRenderLimiter } from '../../src/app/render-limiter.js';
import { SAMPLE_DIR, appFixture } from '../helpers/app-fixture.js';
import { until } from '../helpers/until.js';

const scratch = await mkdtemp(join(tmpdir(), 'app-faults-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('faults', () => {
  it('answers 502 naming a stored document that fails the schema, and logs it', async () => {
    const root = join(scratch, 'broken');
    await cp(SAMPLE_DIR, root, { recursive: true });
    await writeFile(join(root, 'departement/55.json'), JSON.stringify({ schemaVersion: 1, name: 'Meuse' }));
    const { get, logger } = appFixture({ root });
    const response = await get('/fiche/55.pdf');
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('departement/55.json');
    expect(logger.records.at(-1)).toMatchObject({ status: 502, error: expect.stringContaining('departement/55.json fails the schema') });
    // Other départements still work.
    expect((await get('/fiche/54.pdf')).status).toBe(200);
  });

  it('answers 500 with a request id and no stack trace when a render throws, and renders again next time', async () => {
    const { get, counting, logger } = appFixture();
    counting.failWith(new Error('layout exploded at /src/core/secret.ts:12'));
    const response = await get('/fiche/55/export.svg');
    expect(response.status).toBe(500);
    const text = await response.text();
    const requestId = response.headers.get('x-request-id')!;
    expect(text).toContain(requestId);
    expect(text).not.toMatch(/exploded|secret|at \//);
    expect(logger.records.at(-1)).toMatchObject({ status: 500, requestId, error: expect.stringContaining('layout exploded') });
    counting.failWith(null);
    expect((await get('/fiche/55/export.svg')).status).toBe(200);
  });

  it('sheds load with 503 and Retry-After beyond the render limit and its queue', async () => {
    const limiter = createRenderLimiter({ concurrency: 1, queue: 1 });
    const { get, counting } = appFixture({ limiter });
    const open = counting.hold();
    const running = get('/fiche/01.pdf');
    const queued = get('/fiche/02.pdf');
    await until(() => limiter.running === 1 && limiter.waiting === 1, 'one render running and one queued');
    const refused = await get('/fiche/03.pdf');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.text()).toMatch(/sollicité/);
    // Cheap derived objects do not queue behind renders.
    expect((await get('/donnees/03.json')).status).toBe(200);
    open();
    expect((await running).status).toBe(200);
    expect((await queued).status).toBe(200);
    expect((await get('/fiche/03.pdf')).status).toBe(200);
  });

  it('answers 503 with Retry-After when storage is gone, serving what it rendered before stale', async () => {
    const root = join(scratch, 'vanishing');
    await cp(SAMPLE_DIR, root, { recursive: true });
    const { get, clock } = appFixture({ root, ttlSeconds: 10 });
    const good = await get('/fiche/55/pays.svg');
    expect(good.status).toBe(200);
    await rm(root, { recursive: true });
    clock.advanceSeconds(11);

    const stale = await get('/fiche/55/pays.svg');
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(await good.text());
    expect(stale.headers.get('warning')).toContain('Stale');
    const missing = await get('/fiche/56/pays.svg');
    expect(missing.status).toBe(503);
    expect(missing.headers.get('retry-after')).toBe('30');
    expect(await missing.text()).toMatch(/indisponibles/);
    expect(await (await get('/healthz')).json()).toMatchObject({ storage: 'unreachable' });
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('/fiche/55.pdf');
  });

  it('does not ask a failed storage again for a few seconds, then serves again once it is back', async () => {
    const root = join(scratch, 'flapping');
    const { get, clock } = appFixture({ root, ttlSeconds: 10 });
    // Nothing at the root yet: storage counts as unavailable.
    expect((await get('/donnees/55.json')).status).toBe(503);
    await cp(SAMPLE_DIR, root, { recursive: true });
    expect((await get('/donnees/55.json')).status).toBe(503);
    clock.advanceSeconds(5);
    expect((await get('/donnees/55.json')).status).toBe(200);
  });
});
