import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--disable-gpu','--no-first-run'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
const page = await ctx.newPage();
await page.goto('http://127.0.0.1:4199/');
await page.keyboard.press('Control+Shift+D');
await page.keyboard.insertText('Idle test');
await page.keyboard.press('Enter');
await page.getByRole('heading', { level: 1 }).waitFor();
await page.waitForTimeout(3000);
const cdp = await ctx.newCDPSession(page);
await cdp.send('Performance.enable');
const m = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
for (const tab of ['Alt+T','Alt+O','Alt+P','Alt+M','Alt+S','Alt+R']) {
  await page.keyboard.press(tab);
  await page.waitForTimeout(1000);
  const a = await m(); const t0 = Date.now();
  await page.waitForTimeout(10000);
  const b = await m(); const dt = (Date.now() - t0) / 1000;
  console.log(tab, 'task s/s', ((b.TaskDuration - a.TaskDuration) / dt).toFixed(3), 'script', ((b.ScriptDuration - a.ScriptDuration) / dt).toFixed(3), 'layout', ((b.LayoutDuration - a.LayoutDuration)/dt).toFixed(3), 'recalc', ((b.RecalcStyleDuration-a.RecalcStyleDuration)/dt).toFixed(3), 'layouts', b.LayoutCount - a.LayoutCount);
}
await browser.close();
