import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';

/**
 * Where Debian's `chromium` package puts the browser (`.ci/run` installs it with apt-get);
 * `CHROMIUM_PATH` overrides it. Browser tests drive it through `playwright-core`, which never
 * downloads a browser of its own.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests skip on this machine, or `null` when Chromium is there. */
export const chromiumMissing: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;

/** Folder where browser tests leave screenshots for a person to open (not part of the package). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test', '.screenshots');

/**
 * Starts headless Chromium with the flags this closed-network machine needs (no background
 * networking, no first-run; Playwright gives it a fresh temporary profile). Close it with the
 * returned `close`.
 *
 * @example
 * const { browser, close } = await launchChromium();
 * try { const page = await browser.newPage(); … } finally { await close(); }
 */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}
