// Sam, the admin: the connections page shows both tools connected, and reconnecting Salesforce
// runs the real OAuth flow (the simulated org's consent, the callback) back to connected.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, accessibilityProblems, launch, open, screenshot, signIn } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('Sam sees both connections and reconnects Salesforce through its OAuth flow', async () => {
  const page = await open(browser, 1280);
  await signIn(page, 'Sam Rivera', '#/connections', page.getByRole('heading', { name: 'Connections' }));
  await page.getByTestId('state-salesforce').getByText('connected').waitFor();
  assert.equal(await page.getByTestId('state-front').textContent(), 'connected');
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'admin-connections-1280');

  await page.getByRole('button', { name: 'Reconnect' }).first().click();
  await page.waitForURL((url) => url.pathname === '/connect/salesforce/callback', { timeout: 60000 });
  assert.match(await page.textContent('body'), /connected/i);
  assert.deepEqual(page.consoleErrors, []);
  await page.goto(`${BASE}/`);
  await page.close();
});

test('an employee has no connections page and the API refuses them', async () => {
  const page = await open(browser, 1280);
  await signIn(page, 'Ravi Shah', '#/connections', page.getByRole('alert'));
  assert.equal(await page.getByRole('link', { name: 'Connections' }).count(), 0, 'no admin link for an employee');
  assert.match(await page.getByRole('alert').textContent(), /not allowed|admin/i);
  await page.close();
});
