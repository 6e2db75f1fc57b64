// What every browser test shares: Debian's Chromium through playwright-core, signing in at the
// sandbox's stand-in OpenID provider, console errors collected, the axe-core scan, screenshots.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.GRISTMILL_URL || 'http://localhost:8088';
export const WEEK = process.env.GRISTMILL_WEEK;
const SHOTS = process.env.SCREENSHOT_DIR || join(process.cwd(), '..', '..', '..', 'target', 'web-screenshots');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** A fresh browser context (no cookies, nothing stored) at a width; console errors and failed requests are kept. */
export async function open(browser, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 } });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (message) => {
    // A refused API call (403 on purpose) is logged by Chromium as a failed resource, which is expected.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) page.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => page.consoleErrors.push(error.message));
  return page;
}

/** Signs in through the app: the Sign in button, the provider's person picker, back to the app. Returns ms to `ready` visible. */
export async function signIn(page, name, route = '', ready = null) {
  await page.goto(`${BASE}/${route}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name }).waitFor();
  const started = Date.now();
  await page.getByRole('link', { name }).click();
  await (ready || page.getByRole('button', { name: 'Sign out' })).waitFor({ timeout: 60000 });
  return Date.now() - started;
}

export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function accessibilityProblems(page) {
  // Evaluated through the DevTools protocol: the app's content security policy refuses inline scripts.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
