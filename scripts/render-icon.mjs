#!/usr/bin/env node
/**
 * Renders resources/icon.svg to resources/icon.png at 1024×1024, the one
 * bitmap electron-builder needs: it makes the Windows .ico, the macOS .icns
 * and the Linux icon sizes from it (macOS asks for at least 512 pixels). Run
 * it after changing the SVG and commit both. Uses the Chromium the tests
 * drive, since the SVG is what the renderer shows and Chromium draws it
 * exactly as the app does.
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SIZE = 1024;
const svg = readFileSync(new URL('../resources/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${SIZE}" height="${SIZE}">`);
  await page.locator('img').screenshot({ path: new URL('../resources/icon.png', import.meta.url).pathname, omitBackground: true });
} finally {
  await browser.close();
}
