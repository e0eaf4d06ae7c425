import { chromium } from 'playwright-core';
const base = 'http://localhost:3000';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
const out = process.argv[2];
const errors = [];
for (const [lang, who] of [['en','wg.kaz@demo.carec'],['ru','secretariat@demo.carec'],['zh','wg.kaz@demo.carec']]) {
  const ctx = await b.newContext({ viewport: { width: 1280, height: 900 }, locale: lang });
  const p = await ctx.newPage();
  p.on('pageerror', e => errors.push(lang + ' pageerror ' + e.message));
  p.on('console', m => { if (m.type()==='error') errors.push(lang + ' console ' + m.text()); });
  await p.goto(base + '/');
  await p.screenshot({ path: `${out}/${lang}-0-home.png` });
  await p.goto(base + '/login');
  await p.fill('input[name=email]', who);
  await p.fill('input[name=password]', 'demo-pass-2026');
  await p.click('form:has(input[name=password]) button[type=submit]');
  await p.waitForLoadState('networkidle');
  await p.screenshot({ path: `${out}/${lang}-1-dash.png`, fullPage: false });
  for (const path of ['/items', '/items/' , '/public', '/inbox', '/meetings', '/scorecard', '/scoring', '/activity']) {
    const r = await p.goto(base + path);
    errors.push(`${lang} ${path} ${r.status()} ${await p.title()}`);
  }
  await p.goto(base + '/items');
  const firstItem = p.locator('table tbody a').first();
  await firstItem.click(); await p.waitForLoadState('networkidle');
  await p.screenshot({ path: `${out}/${lang}-2-item.png`, fullPage: false });
  errors.push(lang + ' item url ' + p.url());
  await ctx.close();
}
console.log(errors.join('\n'));
await b.close();
