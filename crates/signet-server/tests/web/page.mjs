// The web page in headless Chromium: `node page.mjs URL FILES ARTIFACTS`.
//
// Run by tests/web_page/browser.rs against a signet it started, with
// NODE_PATH at the npm directory holding playwright-core and
// SIGNET_CHROMIUM at Debian's /usr/bin/chromium. FILES holds contract.pdf,
// contract.pdf.p7s (its detached signature), tampered.pdf, signer.cer and
// expect.json; the screenshots go to ARTIFACTS. Exits 0 when every check
// holds, else prints what failed and exits 1.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const [url, files, artifacts] = process.argv.slice(2);
if (!url || !files || !artifacts) {
  console.error('usage: node page.mjs URL FILES ARTIFACTS');
  process.exit(2);
}
const expected = JSON.parse(fs.readFileSync(path.join(files, 'expect.json'), 'utf8'));
const file = (name) => path.join(files, name);

function check(cond, what) {
  if (!cond) throw new Error('check failed: ' + what);
  console.log('ok - ' + what);
}

const browser = await chromium.launch({
  executablePath: process.env.SIGNET_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Containers run as root, where Chromium's sandbox cannot start.
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
const problems = [];
try {
  const context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'UTC',
    viewport: { width: 1100, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e));

  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  check(await page.getAttribute('html', 'lang') === 'en', 'the page follows the browser language (en)');

  // Every file input has a label; the verdict is a live region.
  const unlabelled = await page.$$eval('input', (inputs) => inputs.filter((i) => !i.labels || !i.labels.length).map((i) => i.id));
  check(unlabelled.length === 0, 'every input is labelled');
  check(await page.getAttribute('#verdict', 'aria-live') === 'polite', 'the verdict is an aria-live region');

  // 1. A valid signature and its document, chosen with the file inputs.
  await page.setInputFiles('#signature-file', file('contract.pdf.p7s'));
  await page.setInputFiles('#document-file', file('contract.pdf'));
  await page.click('#verify-button');
  await page.waitForSelector('#verdict[data-verdict]');
  const verdict1 = await page.getAttribute('#verdict', 'data-verdict');
  const text1 = await page.textContent('#verdict-text');
  console.log('verdict 1: ' + verdict1 + ' — ' + text1);
  check(verdict1 === 'valid', 'a valid signature reads valid');
  check(text1 === 'The signature is valid', 'the verdict says so in words');
  const signer = await page.textContent('.signer h3');
  check(signer.includes(expected.signer), 'the signer is named: ' + signer);
  check((await page.textContent('.signer dl')).includes(expected.inn), 'the INN is shown');
  const links = await page.$$eval('ol.chain li', (lis) => lis.map((li) => li.className));
  check(links.length === 3 && links.every((c) => c === 'valid'), 'the chain has three valid links: ' + links);
  await page.locator('#report').screenshot({ path: path.join(artifacts, 'report-valid.png') });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  check(saved.verdict === 'valid' && saved.signers.length === 1, 'the JSON download is the report');
  const [html] = await Promise.all([page.waitForEvent('download'), page.click('#download-html')]);
  const htmlText = fs.readFileSync(await html.path(), 'utf8');
  check(htmlText.includes('The signature is valid') && !htmlText.includes('<script'), 'the HTML download is the report, without script');

  // Print: the report alone.
  await page.evaluate(() => { document.body.dataset.print = 'report'; });
  await page.emulateMedia({ media: 'print' });
  check(!(await page.isVisible('#verify-zone')), 'printing hides the upload zones');
  check(await page.isVisible('#report-body'), 'printing shows the report');
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => { delete document.body.dataset.print; });

  // 2. The tampered document, dropped with the signature on the zone.
  await page.evaluate(async ([sigB64, docB64]) => {
    const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes(docB64)], 'tampered.pdf', { type: 'application/pdf' }));
    dt.items.add(new File([bytes(sigB64)], 'contract.pdf.p7s'));
    document.getElementById('verdict').removeAttribute('data-verdict');
    const zone = document.getElementById('verify-zone');
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [fs.readFileSync(file('contract.pdf.p7s')).toString('base64'), fs.readFileSync(file('tampered.pdf')).toString('base64')]);
  await page.waitForSelector('#verdict[data-verdict]');
  const verdict2 = await page.getAttribute('#verdict', 'data-verdict');
  const text2 = await page.textContent('#verdict-text');
  console.log('verdict 2: ' + verdict2 + ' — ' + text2);
  check(verdict2 === 'invalid', 'a tampered document reads invalid');
  check(text2 === 'The signature is NOT valid', 'the verdict says so in words');
  check((await page.textContent('#verdict-explanation')).includes('changed after it was signed'), 'and why');
  await page.locator('#report').screenshot({ path: path.join(artifacts, 'report-invalid.png') });

  // 3. A certificate, read in Ukrainian, then in English.
  await page.click('button[data-lang="uk"]');
  check(await page.getAttribute('html', 'lang') === 'uk', 'the language switch sets the page language');
  check(await page.textContent('#verdict-text') === 'Підпис НЕДІЙСНИЙ', 'the report is worded again in Ukrainian');
  await page.setInputFiles('#certificate-file', file('signer.cer'));
  await page.waitForSelector('#cert-section-general');
  check(await page.textContent('#cert-section-general') === 'Загальні відомості', 'certificate sections in Ukrainian');
  const ukFields = await page.textContent('#certificate-body');
  check(ukFields.includes('Серійний номер') && ukFields.includes(expected.signer), 'certificate fields in Ukrainian');
  await page.click('button[data-lang="en"]');
  await page.waitForFunction(() => document.getElementById('cert-section-general')?.textContent === 'General');
  const enFields = await page.textContent('#certificate-body');
  check(enFields.includes('Serial number') && enFields.includes('Common name'), 'certificate fields in English');
  const [der] = await Promise.all([page.waitForEvent('download'), page.click('#download-der')]);
  const derBytes = fs.readFileSync(await der.path());
  check(derBytes.equals(fs.readFileSync(file('signer.cer'))), 'the DER download is the certificate');
  await page.locator('#certificate').screenshot({ path: path.join(artifacts, 'certificate.png') });

  // 4. A phone: nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 375, 'no horizontal scrolling at 375 px (' + width + ')');
  check(!(await page.isVisible('#progress')), 'the progress bar is gone once the report is in');
  await page.screenshot({ path: path.join(artifacts, 'phone.png') });
  await page.evaluate(() => document.getElementById('report').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(artifacts, 'phone-report.png') });

  // 5. The keyboard reaches the file inputs and the button.
  await page.setViewportSize({ width: 1100, height: 900 });
  // From the top of the page: the skip link is the first stop.
  await page.evaluate(() => { window.scrollTo(0, 0); document.querySelector('.skip').focus(); });
  const reached = new Set();
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement && document.activeElement.id));
  }
  check(['signature-file', 'document-file', 'verify-button', 'certificate-file'].every((id) => reached.has(id)),
    'Tab reaches the file inputs and the button');

  check(problems.length === 0, 'no script errors or CSP violations: ' + problems.join('; '));
} catch (e) {
  console.error(String(e && e.stack ? e.stack : e));
  if (problems.length) console.error('page problems: ' + problems.join('; '));
  await browser.close();
  process.exit(1);
}
await browser.close();
