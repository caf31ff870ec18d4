// Draws BPMN files side by side with bpmn-js in headless Chromium (Debian's
// /usr/bin/chromium through playwright-core), checks that every task, gateway
// and event of each drew (a shape with a non-empty box) with no import
// warning, and saves a PNG. Usage: node render.mjs BEFORE.bpmn AFTER.bpmn OUT.png
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const [before, after, png] = process.argv.slice(2);
if (!png) {
  console.error('usage: node render.mjs BEFORE.bpmn AFTER.bpmn OUT.png');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],  // playwright gives a fresh profile of its own
});
let failed = 0;
try {
  const page = await browser.newPage({ viewport: { width: 2000, height: 640 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(path.join(here, 'render.html')).href);
  const diagrams = [
    { title: '改革前 before the reform: ' + path.basename(before), xml: await readFile(before, 'utf8') },
    { title: '改革后 after the reform (一窗受理, 统一出件): ' + path.basename(after), xml: await readFile(after, 'utf8') },
  ];
  const results = await page.evaluate((d) => window.render(d), diagrams);
  for (const r of results) {
    const ok = r.expected > 0 && r.missing.length === 0 && r.warnings.length === 0;
    if (!ok) failed++;
    console.log(`${ok ? 'ok' : 'FAIL'} ${r.title}: ${r.expected} elements, ` +
                `${r.missing.length} not drawn ${JSON.stringify(r.missing)}, ${r.warnings.length} import warnings ` +
                `${JSON.stringify(r.warnings)}`);
  }
  for (const e of errors) {
    failed++;
    console.log(`FAIL page error: ${e}`);
  }
  await page.screenshot({ path: png, fullPage: true });
  console.log(`saved ${png}`);
  console.log(`${results.length - Math.min(failed, results.length)} passed, ${Math.min(failed, results.length) + errors.length} failed`);
} finally {
  await browser.close();
}
process.exit(failed === 0 ? 0 : 1);
