// Ravi's week in the browser: he reads his draft, asks in words for his call metrics, adds
// context for his manager and confirms; at 390 px and 1280 px, with no console error and no
// serious accessibility violation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, WEEK, accessibilityProblems, launch, open, screenshot, signIn } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('Ravi asks for his call metrics in words, adds context and confirms his week', async () => {
  const page = await open(browser, 1280);
  const heading = page.getByRole('heading', { name: 'Ravi Shah' });
  const took = await signIn(page, 'Ravi Shah', `#/week/${WEEK}`, heading);
  console.log(`BENCH web.recap_visible_ms ${took}`);
  assert.equal(await page.getByTestId('status').textContent(), 'Draft');
  assert.equal(await page.getByText('Loading Gristmill…').count(), 0, 'the page before the app is gone');
  assert.equal(await page.getByRole('heading', { name: 'Calls' }).count(), 0, 'no call metrics until he asks');
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'employee-week-1280');

  await page.getByLabel('Ask for changes').fill('include my call metrics this time');
  await page.getByRole('button', { name: 'Ask' }).click();
  await page.getByRole('heading', { name: 'Calls' }).waitFor({ timeout: 60000 });

  await page.getByLabel("Save this version's request as a template").fill('With my calls');
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByLabel('Apply a template').locator('option', { hasText: 'With my calls (yours)' }).waitFor({ state: 'attached' });

  await page.getByLabel('Add context for your manager').fill('Two of these calls were for the Ironleaf renewal.');
  await page.getByRole('button', { name: 'Save context' }).click();
  await page.getByRole('complementary').getByText('Two of these calls were for the Ironleaf renewal.').waitFor();

  await page.getByRole('button', { name: /^Confirm version/ }).click();
  await page.getByTestId('status').getByText('Confirmed').waitFor();
  assert.equal(await page.getByRole('button', { name: /^Confirm version/ }).count(), 0, 'a confirmed recap cannot be confirmed again');
  assert.deepEqual(await accessibilityProblems(page), []);

  await page.getByRole('link', { name: 'Review context' }).click();
  await page.getByRole('heading', { name: 'Review context: Ravi Shah' }).waitFor();
  assert.match(await page.locator('main').textContent(), /From your activity/);
  await page.getByRole('region', { name: 'Figures week by week' }).waitFor();
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('Ravi keeps his own templates beside the company\'s and the built-in ones: creates, changes and deletes one', async () => {
  const page = await open(browser, 390);
  page.on('dialog', (dialog) => dialog.accept());
  await signIn(page, 'Ravi Shah', '#/templates', page.getByRole('heading', { name: 'Templates' }));
  const yours = page.getByRole('region', { name: 'Yours' });
  const builtIn = page.getByRole('region', { name: 'Built in' });
  await yours.getByText('With my calls', { exact: true }).waitFor();
  assert.match(await yours.textContent(), /Includes: Calls logged in Salesforce, Calls in Front/);
  await builtIn.getByText('Sales week', { exact: true }).waitFor();
  assert.equal(await builtIn.getByRole('button').count(), 0, 'built-in templates are read-only');

  await page.getByRole('button', { name: 'New template' }).click();
  await page.getByLabel('Name').fill('Front calls, briefly');
  await page.getByLabel('Calls in Front').check();
  await page.getByLabel('Length').selectOption('short');
  await page.getByRole('button', { name: 'Create template' }).click();
  await page.getByRole('status').getByText('Created “Front calls, briefly”.').waitFor();
  await yours.getByText('Front calls, briefly', { exact: true }).waitFor();
  assert.match(await yours.textContent(), /Front calls, briefly.*Includes: Calls in Front · Short length/);

  await page.getByRole('button', { name: 'Change Front calls, briefly' }).click();
  await page.getByLabel('Name').fill('Front calls, in short');
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByRole('status').getByText('Saved “Front calls, in short”.').waitFor();
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'employee-templates-390');

  await page.getByRole('button', { name: 'Delete Front calls, in short' }).click();
  await page.getByRole('status').getByText('Deleted “Front calls, in short”.').waitFor();
  assert.equal(await yours.getByText('Front calls, in short', { exact: true }).count(), 0);
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('the week reads on a phone (390 px)', async () => {
  const page = await open(browser, 390);
  await signIn(page, 'Ravi Shah', `#/week/${WEEK}`, page.getByRole('heading', { name: 'Ravi Shah' }));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'employee-week-390');
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('Ines signs in and reaches every control of her draft with the keyboard alone', async () => {
  const page = await open(browser, 1280);
  await page.goto(`${BASE}/#/week/${WEEK}`);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Sign in');
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Ines Duarte' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Ines Duarte' }).waitFor();
  const reached = [];
  for (let i = 0; i < 300 && !(reached.at(-1) || '').startsWith('button:Confirm version'); i += 1) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => {
      const el = document.activeElement;
      const label = el.labels && el.labels[0] ? el.labels[0].textContent : '';
      return `${el.tagName.toLowerCase()}:${(label || el.textContent || '').trim()}`;
    }));
  }
  for (const control of ['a:My week', 'a:Next week →', 'textarea:Ask for changes', 'textarea:Add context for your manager', 'button:Save context']) {
    assert.ok(reached.includes(control), `${control} is reachable by Tab: ${reached.join(' | ')}`);
  }
  assert.ok(reached.some((c) => c.startsWith('button:Confirm version')), 'the confirm button is reachable by Tab');
  assert.equal(await page.getByTestId('status').textContent(), 'Draft', 'Ines only looked');
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});
