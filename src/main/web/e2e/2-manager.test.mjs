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
  await page.getByRole('link', { name: 'Review context over a period' }).click();
  await page.getByRole('heading', { name: 'Review context: Ravi Shah' }).waitFor();
  assert.match(await page.locator('main').textContent(), /Only the weeks they confirmed/);
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('Mia compares her team side by side over a review period, from confirmed weeks only', async () => {
  const page = await open(browser, 1280);
  await signIn(page, 'Mia Okafor', '#/calibration', page.getByRole('heading', { name: /^Calibration/ }));
  const table = page.getByRole('table');
  await table.waitFor();
  const row = (name) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  assert.match(await row('Ravi Shah').textContent(), /1 of \d+/);
  assert.match(await row('Ines Duarte').textContent(), /0 of \d+/, "Ines's draft is not a confirmed week");
  assert.ok(!/\d/.test((await row('Ines Duarte').getByRole('cell').nth(1).textContent())), 'no figures from a draft');

  await page.getByRole('button', { name: 'Deals created' }).click();
  await page.getByRole('button', { name: 'Deals created ▼' }).waitFor();
  const column = await page.locator('thead th').allTextContents();
  const index = column.findIndex((c) => c.startsWith('Deals created'));
  const values = await table.locator('tbody tr').evaluateAll((rows, i) => rows.map((r) => r.children[i].textContent), index);
  const numbers = values.filter((v) => v !== '—').map(Number);
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a), `sorted largest first: ${values}`);
  assert.equal(await page.locator('th[aria-sort="descending"]').count(), 1);
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'manager-calibration-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px (the table scrolls in its own region)`);
  await screenshot(page, 'manager-calibration-390');
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
