/**
 * A Chromium for the benchmark's peer: `CHROMIUM_PATH`, then the system's (Debian's), then the
 * build inside the `@sparticuz/chromium` development package; null when there is none, so that the
 * benchmark says so and measures the rest. The flags keep it from reaching out to Google's
 * services, which a closed network refuses.
 */
import { existsSync } from 'node:fs';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const QUIET_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ChromiumFound {
  path: string;
  args: string[];
  /** For the benchmark's output: which Chromium was measured. */
  origin: string;
}

export async function findChromium(): Promise<ChromiumFound | null> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { path: fromEnv, args: QUIET_FLAGS, origin: `CHROMIUM_PATH=${fromEnv}` };
  const system = SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (system) return { path: system, args: QUIET_FLAGS, origin: system };
  try {
    // Unpacks its compressed build into the temporary folder once per machine.
    const { default: packaged } = await import('@sparticuz/chromium');
    const path = await packaged.executablePath();
    const args = [...packaged.args.filter((flag: string) => !flag.startsWith('--headless') && flag !== '--single-process'), ...QUIET_FLAGS];
    return { path, args, origin: '@sparticuz/chromium' };
  } catch {
    return null;
  }
}
