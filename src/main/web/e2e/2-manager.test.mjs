// Mia, the manager: her team's week shows confirmed recaps and who is pending; she reads Ravi's
// confirmed recap; Ines's draft stays Ines's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WEEK, accessibilityProblems, launch, open, screenshot, signIn } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test("Mia sees her team's week and Ravi's confirmed recap, and never Ines's draft", async () => {
  const page = await open(browser, 1280);
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  await signIn(page, 'Mia Okafor', `#/team/${WEEK}`, page.getByRole('heading', { name: "Mia Okafor's team" }));
  const pending = page.locator('ul.people').nth(1);
  await pending.getByText('Ines Duarte').waitFor();
  assert.equal(await pending.getByRole('link').count(), 0, 'a pending draft has no link');
  assert.ok(!requested.some((url) => url.includes('/recaps/emp-ines/')), "the team view never fetches Ines's draft");
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'manager-team-1280');

  await page.getByRole('link', { name: 'Ravi Shah' }).click();
  await page.getByRole('heading', { name: 'Ravi Shah' }).waitFor();
  assert.equal(await page.getByTestId('status').textContent(), 'Confirmed');
  await page.getByRole('heading', { name: 'Calls' }).waitFor();
  assert.equal(await page.getByRole('button', { name: /^Confirm/ }).count(), 0, "a manager cannot confirm someone's recap");
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test("an employee opening a colleague's recap link sees that it is not allowed", async () => {
  const page = await open(browser, 390);
  await signIn(page, 'Lena Park', `#/people/emp-ravi/week/${WEEK}`, page.getByRole('alert'));
  assert.match(await page.getByRole('alert').textContent(), /not allowed/i);
  assert.equal(await page.getByRole('heading', { name: 'Ravi Shah' }).count(), 0);
  await screenshot(page, 'not-allowed-390');
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});
