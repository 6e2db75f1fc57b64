// Sam, the admin: the connections page shows both tools connected, and reconnecting Salesforce
// runs the real OAuth flow (the simulated org's consent, back to the app's connect page, which
// signs in again and finishes as Sam) back to connected.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, WEEK, accessibilityProblems, launch, open, screenshot, signIn } from './support.mjs';

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

  const visited = [];
  page.on('request', (request) => visited.push(`${request.method()} ${new URL(request.url()).pathname}`));
  await page.getByRole('button', { name: 'Reconnect' }).first().click();
  // Tokens live in memory, so coming back from Salesforce signs in again (the stand-in provider asks who).
  await page.getByRole('link', { name: 'Sam Rivera' }).click({ timeout: 60000 });
  await page.getByRole('status').getByText(/Salesforce is connected/).waitFor({ timeout: 60000 });
  assert.ok(visited.includes('GET /connect.html'), `Salesforce sent the browser back to the app: ${visited.join(', ')}`);
  assert.equal(visited.filter((r) => r === 'POST /connect/complete').length, 1, 'the app finished the flow once');
  assert.ok(!page.url().includes('code='), 'no authorization code is left in the address bar');
  await page.getByTestId('state-salesforce').getByText('connected').waitFor();
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('Sam changes settings: a mistake is explained in words, a correct change is saved', async () => {
  const page = await open(browser, 1280);
  await signIn(page, 'Sam Rivera', '#/settings', page.getByRole('heading', { name: 'Settings' }));
  const zone = await page.getByLabel('Time zone').inputValue();
  await page.getByLabel('Time zone').fill('Mars/Olympus_Mons');
  await page.getByRole('button', { name: 'Save settings' }).click();
  assert.match(await page.getByRole('alert').textContent(), /time ?zone|Mars/i);

  await page.getByLabel('Time zone').fill(zone);
  await page.getByLabel('Remind after (hours)').fill('36');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').getByText('Saved.').waitFor();
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'admin-settings-1280');

  await page.getByRole('link', { name: 'Directory' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Remind after (hours)').waitFor();
  assert.equal(await page.getByLabel('Remind after (hours)').inputValue(), '36', 'read back after saving');
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test("Sam approves the link of his own Front login, and leaves Nora Hart's shared address unlinked", async () => {
  const page = await open(browser, 390);
  await signIn(page, 'Sam Rivera', '#/directory', page.getByRole('heading', { name: 'Directory' }));
  await page.getByRole('button', { name: 'Approve link to Sam Rivera' }).click();
  await page.getByRole('status').getByText('Linked to Sam Rivera.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Approve link to Sam Rivera' }).count(), 0, 'no longer waiting');
  assert.equal(await page.getByRole('button', { name: 'Approve link to Noor Haddad' }).count(), 1, "Nora Hart's link still waits");
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'admin-directory-390');
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test("Sam lets Lena read Tom's confirmed recaps, and takes it back", async () => {
  const admin = await open(browser, 1280);
  await signIn(admin, 'Sam Rivera', '#/directory', admin.getByRole('heading', { name: 'Directory' }));
  await admin.getByText("Who else reads Tom Becker's confirmed recaps").click();
  const tom = admin.locator('details', { hasText: "Who else reads Tom Becker's confirmed recaps" });
  await tom.getByText('Only their manager chain.').waitFor();
  await tom.getByLabel('Add a reader').selectOption({ label: 'Lena Park' });
  await tom.getByLabel('Reason').fill('Covers Tom during his leave');
  await tom.getByRole('button', { name: 'Grant' }).click();
  await tom.getByRole('button', { name: 'Revoke Lena Park' }).waitFor();
  assert.deepEqual(await accessibilityProblems(admin), []);

  const lena = await open(browser, 390);
  await signIn(lena, 'Lena Park', `#/people/emp-tom/week/${WEEK}`, lena.getByRole('heading', { name: 'Tom Becker' }));
  assert.equal(await lena.getByTestId('status').textContent(), 'Confirmed');

  await tom.getByRole('button', { name: 'Revoke Lena Park' }).click();
  await tom.getByText('Only their manager chain.').waitFor();
  await lena.reload();
  await lena.getByRole('button', { name: 'Sign in' }).click();
  await lena.getByRole('link', { name: 'Lena Park' }).click();
  await lena.getByRole('alert').waitFor();
  assert.match(await lena.getByRole('alert').textContent(), /not allowed/i);
  assert.deepEqual(admin.consoleErrors, []);
  assert.deepEqual(lena.consoleErrors, []);
  await admin.close();
  await lena.close();
});

test('Sam moves Omar to report to Tom; a stale edit is refused in words', async () => {
  const page = await open(browser, 1280);
  await signIn(page, 'Sam Rivera', '#/directory', page.getByRole('heading', { name: 'Directory' }));
  const omar = page.locator('details', { hasText: "Change Omar Reyes's manager, groups, tool accounts or status" });
  await omar.evaluate((details) => { details.open = true; });
  await omar.getByLabel('Manager').selectOption({ label: 'Tom Becker' });
  await omar.getByRole('button', { name: 'Save Omar Reyes' }).click();
  await page.getByRole('status').getByText('Omar Reyes saved.').waitFor();
  await page.getByText('reports to Tom Becker').waitFor();

  // A second tab still showing the old version: its save must not overwrite the change.
  const stale = await open(browser, 1280);
  await signIn(stale, 'Sam Rivera', '#/directory', stale.getByRole('heading', { name: 'Directory' }));
  await omar.evaluate((details) => { details.open = true; }); // still open after the save re-read the directory
  await omar.getByLabel('Manager').selectOption({ label: 'Mia Okafor' });
  await omar.getByRole('button', { name: 'Save Omar Reyes' }).click();
  await page.getByRole('status').getByText('Omar Reyes saved.').waitFor();
  const staleOmar = stale.locator('details', { hasText: "Change Omar Reyes's manager, groups, tool accounts or status" });
  await staleOmar.evaluate((details) => { details.open = true; });
  await staleOmar.getByLabel('Groups').fill('support, nights');
  await staleOmar.getByRole('button', { name: 'Save Omar Reyes' }).click();
  await staleOmar.getByRole('alert').waitFor();
  assert.match(await staleOmar.getByRole('alert').textContent(), /changed|version|conflict/i);
  assert.deepEqual(await accessibilityProblems(page), []);
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
  await stale.close();
});

test('Sam gives the company a default template and hides a built-in one; Ravi sees both changes', async () => {
  const sam = await open(browser, 1280);
  sam.on('dialog', (dialog) => dialog.accept());
  await signIn(sam, 'Sam Rivera', '#/templates', sam.getByRole('heading', { name: 'Templates' }));
  await sam.getByRole('button', { name: 'New template' }).click();
  await sam.getByLabel('Name').fill('Team standard');
  await sam.getByLabel('For', { exact: true }).selectOption('tenant');
  await sam.getByLabel('Highlights').check();
  await sam.getByLabel(/The company default/).check();
  await sam.getByRole('button', { name: 'Create template' }).click();
  const company = sam.getByRole('region', { name: "Your company's" });
  await company.getByText('Team standard', { exact: true }).waitFor();
  assert.match(await company.textContent(), /Team standard company default/);

  await sam.getByRole('link', { name: 'Settings' }).click();
  // Erasing the whole company waits for its id, typed exactly (the erasure itself is tested against the API).
  const eraseCompany = sam.getByRole('button', { name: 'Erase the company' });
  const companyId = await sam.locator('#erase-company-title ~ form b').textContent();
  assert.ok(await eraseCompany.isDisabled());
  await sam.getByLabel(/Type the company's Gristmill id/).fill(companyId.slice(1));
  assert.ok(await eraseCompany.isDisabled(), 'a wrong id leaves it disabled');
  await sam.getByLabel(/Type the company's Gristmill id/).fill(companyId);
  assert.ok(await eraseCompany.isEnabled());
  await sam.getByLabel(/Type the company's Gristmill id/).fill('');
  await sam.getByLabel('Short version').uncheck();
  await sam.getByRole('button', { name: 'Save settings' }).click();
  await sam.getByRole('status').getByText('Saved.').waitFor();

  const ravi = await open(browser, 1280);
  await signIn(ravi, 'Ravi Shah', '#/templates', ravi.getByRole('heading', { name: 'Templates' }));
  const theirs = ravi.getByRole('region', { name: "Your company's" });
  await theirs.getByText('Team standard', { exact: true }).waitFor();
  assert.equal(await theirs.getByRole('button').count(), 0, 'only admins change company templates');
  assert.equal(await ravi.getByRole('region', { name: 'Built in' }).getByText('Short version').count(), 0, 'hidden for the company');
  assert.deepEqual(await accessibilityProblems(ravi), []);

  // Put the company back as it was for the sandbox's later checks, and read it back.
  await sam.getByLabel('Short version').check();
  await sam.getByRole('button', { name: 'Save settings' }).click();
  await sam.getByRole('button', { name: 'Save settings' }).waitFor();
  await sam.getByRole('status').getByText('Saved.').waitFor();
  await sam.getByRole('link', { name: 'Templates' }).click();
  await sam.getByRole('link', { name: 'Settings' }).click();
  await sam.getByLabel('Short version').waitFor();
  assert.ok(await sam.getByLabel('Short version').isChecked(), 'shown again for everyone');
  await sam.getByRole('link', { name: 'Templates' }).click();
  await sam.getByRole('button', { name: 'Delete Team standard' }).click();
  await sam.getByRole('status').getByText('Deleted “Team standard”.').waitFor();
  assert.deepEqual(sam.consoleErrors, []);
  assert.deepEqual(ravi.consoleErrors, []);
  await sam.close();
  await ravi.close();
});

test('Sam adds a person by hand, gives her a Front login (one that is taken is refused in words), then erases her data', async () => {
  const page = await open(browser, 1280);
  await signIn(page, 'Sam Rivera', '#/directory', page.getByRole('heading', { name: 'Directory' }));
  await page.getByText('Add a person').click();
  await page.getByLabel('Employee id').fill('emp-pat');
  await page.getByLabel('Name', { exact: true }).fill('Pat Quinn');
  await page.getByLabel('E-mail').fill('pat.quinn@example.com');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('status').getByText('Pat Quinn added.').waitFor();

  const pat = page.locator('details', { hasText: "Change Pat Quinn's manager, groups, tool accounts or status" });
  await pat.evaluate((details) => { details.open = true; });
  await pat.getByLabel('Front teammate id').fill('tea_omar');
  await pat.getByRole('button', { name: 'Save Pat Quinn' }).click();
  await pat.getByRole('alert').waitFor();
  assert.match(await pat.getByRole('alert').textContent(), /tea_omar|already/i);
  await pat.getByLabel('Front teammate id').fill('tea_pat');
  await pat.getByRole('button', { name: 'Save Pat Quinn' }).click();
  await page.getByRole('status').getByText('Pat Quinn saved.').waitFor();
  await page.getByText('Salesforce — · Front tea_pat').waitFor();
  assert.deepEqual(await accessibilityProblems(page), []);

  await page.getByText("Erase Pat Quinn's data…").click();
  const erase = page.locator('details', { hasText: "Erase Pat Quinn's data…" });
  assert.ok(await erase.getByRole('button', { name: 'Erase' }).isDisabled(), 'nothing is erased until her name is typed');
  await erase.getByRole('textbox').fill('Pat Quinn');
  await erase.getByRole('button', { name: 'Erase' }).click();
  await page.getByRole('status').getByText(/Pat Quinn's data is erased|Erasing Pat Quinn's data/).waitFor();
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('an employee has no connections page, and the app does not even ask for one', async () => {
  const page = await open(browser, 1280);
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await signIn(page, 'Ravi Shah', '#/connections', page.getByRole('alert'));
  assert.equal(await page.getByRole('link', { name: 'Connections' }).count(), 0, 'no admin link for an employee');
  assert.ok(!requested.includes('/connections'), 'nothing an employee may not see is fetched');
  assert.match(await page.getByRole('alert').textContent(), /not allowed|admin/i);
  await page.close();
});
