/**
 * A real Chromium driven by playwright-core: the system's where there is one (`CHROMIUM_PATH`, then
 * Debian's), otherwise the build shipped inside the `@sparticuz/chromium` package, so that a machine
 * with Node alone runs the browser tests too. The flags keep it from reaching out to Google's
 * services, which a closed network refuses.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const QUIET_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function chromiumExecutable(): Promise<{ path: string; args: string[] }> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { path: fromEnv, args: QUIET_FLAGS };
  const system = SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (system) return { path: system, args: QUIET_FLAGS };
  // Unpacks its brotli-compressed build into the temporary folder once per machine.
  const { default: packaged } = await import('@sparticuz/chromium');
  const path = await packaged.executablePath();
  const args = [...packaged.args.filter((flag: string) => !flag.startsWith('--headless') && flag !== '--single-process'), ...QUIET_FLAGS];
  return { path, args };
}

export async function launchChromium(): Promise<Browser> {
  const { path, args } = await chromiumExecutable();
  return chromium.launch({ executablePath: path, headless: true, args });
}
