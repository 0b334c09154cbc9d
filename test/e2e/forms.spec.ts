import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { declareByKeyboard, importFile } from './helpers';
import { encodeIncidentFile } from '../../src/shared/incident';
import { FORM_NUMBERS, type FormNumber, type PaperSize } from '../../src/shared/report/ics-forms/model';
import { FORMS_HOSTILE, FORMS_IC, FORMS_INCIDENT_ID, FORMS_T0, formsIncident } from '../fixtures/forms/incident';

/**
 * The ICS forms (issue 21, point 1), printed from the browser's forms view
 * to PDF on A4 and Letter as the print dialog would, then read back as
 * text (pdftotext) and as images (pdftoppm): every page carries the
 * incident, its operational period, who prepared it and "Page N of M";
 * each form holds its own content; no word sits outside the page's
 * printable box and the page edges are blank paper.
 */

const PAPER: Record<PaperSize, { format: 'A4' | 'Letter'; widthPt: number; heightPt: number }> = {
  a4: { format: 'A4', widthPt: 595.3, heightPt: 841.9 },
  letter: { format: 'Letter', widthPt: 612, heightPt: 792 },
};

/** What each form must hold beyond the common header, as pdftotext reads it (spaces collapsed). */
const CONTENT: Record<FormNumber, readonly (string | RegExp)[]> = {
  '201': ['Incident Briefing', 'Map or sketch', 'Restore checkout in the EU', 'Adopted: Fail over the database to the replica', 'Talk on Slack #inc-bravo', 'Waiting in staging: Lee Waiting'],
  '202': ['Incident Objectives', 'Restore checkout in the EU', 'Check replication lag on the primary', 'Standing orders'],
  '203': ['Organization Assignment List', 'Tech Lead', 'Jo Kim', 'Comms Lead', 'Mo Comms', 'Member H2', 'Lee Waiting'],
  '205': ['Communications Plan', 'Ops bridge', '+1 555 0100 PIN 4242', 'If Slack #inc-bravo is down, use Ops bridge', 'If Ops bridge is down, use Site radio', 'data centre staff'],
  '207': ['Organization Chart', 'Incident Commander', 'continued on sheet 2', /Sheet 2 of \d: Tech Lead, continued/, 'Member A1', 'Member H2'],
  '213': ['General Message', 'Message 1 of 2', 'Message 2 of 2', 'We are investigating checkout failures in the EU.', 'Some customers cannot pay.'],
  '214': ['Activity Log', 'Observation 1: replica lag 3 s', 'Observation 70: replica lag 210 s', 'Mo Comms'],
};

const squash = (text: string) => text.replace(/\s+/g, ' ');

async function openForms(page: Page, form: FormNumber | 'all', paper: PaperSize): Promise<void> {
  await page.goto(`/#/forms/${FORMS_INCIDENT_ID}?form=${form}&paper=${paper}`);
  await expect(page.locator('article.ics-form').first()).toBeVisible();
}

/** Prints the view to a PDF, as the print dialog's "Save as PDF" would, and reads it back. */
async function printed(page: Page, name: string, paper: PaperSize) {
  const pdf = test.info().outputPath(`${name}.pdf`);
  // preferCSSPageSize: the page's @page rule (its margins and footer) wins, as in the print dialog and Electron's printToPDF.
  await page.pdf({ path: pdf, format: PAPER[paper].format, printBackground: true, preferCSSPageSize: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const perPage = text.split('\f').slice(0, pages);
  const bbox = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const prefix = test.info().outputPath(name);
  execFileSync('pdftoppm', ['-r', '50', pdf, prefix]);
  const images = readdirSync(test.info().outputDir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.ppm')).sort();
  return { pdf, pages, perPage, bbox, images: images.map((f) => test.info().outputPath(f)) };
}

/** Every word's box, as pdftotext -bbox gives it, per page. */
function wordsOutside(bbox: string, widthPt: number, heightPt: number): string[] {
  const out: string[] = [];
  for (const match of bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    const [xMin, yMin, xMax, yMax] = match.slice(1, 5).map(Number) as [number, number, number, number];
    // 6 mm (17 pt) of each edge is never printed on: nothing may sit there.
    if (xMin < 17 || yMin < 17 || xMax > widthPt - 17 || yMax > heightPt - 17) out.push(`${match[5]} at ${xMin},${yMin}-${xMax},${yMax}`);
  }
  return out;
}

/** Whether the outer band of a page image (binary PPM from pdftoppm) is blank paper: nothing drawn runs off the edge. */
function edgesBlank(path: string): boolean {
  const bytes = readFileSync(path);
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const start = header[0].length;
  const band = 8; // px at 50 dpi: 4 mm
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= band && x < width - band && y >= band && y < height - band) continue;
      const i = start + (y * width + x) * 3;
      if (bytes[i]! < 245 || bytes[i + 1]! < 245 || bytes[i + 2]! < 245) return false;
    }
  }
  return true;
}

test.describe('printing', () => {
test.beforeEach(async ({ page, context }) => {
  await context.addInitScript((name) => localStorage.setItem('command-post:identity', name), FORMS_IC);
  const file = encodeIncidentFile(formsIncident(), { exportedAt: FORMS_T0 + 3_600_000, exportedBy: FORMS_IC });
  await importFile(page, '26-Bravo.cpinc', file);
  await expect(page.getByRole('link', { name: /26-Bravo/ }).first()).toBeVisible();
});

for (const paper of ['a4', 'letter'] as const) {
  test(`each ICS form prints on ${PAPER[paper].format} with its header, footer and content, inside the page`, async ({ page }) => {
    test.setTimeout(180_000);
    for (const form of FORM_NUMBERS) {
      await openForms(page, form, paper);
      const { pages, perPage, bbox, images } = await printed(page, `ics-${form}-${paper}`, paper);
      const all = squash(perPage.join(' '));
      for (const [i, text] of perPage.entries()) {
        const flat = squash(text);
        expect.soft(flat, `ICS ${form} page ${i + 1}`).toContain('26-Bravo · operational period 2026-03-14 09:30 UTC to');
        expect.soft(flat, `ICS ${form} page ${i + 1}`).toContain(`Prepared by ${FORMS_IC} (IC)`);
        expect.soft(flat, `ICS ${form} page ${i + 1}`).toContain(`Page ${i + 1} of ${pages}`);
      }
      expect.soft(all).toContain(`ICS ${form}`);
      for (const fact of CONTENT[form]) {
        if (typeof fact === 'string') expect.soft(all, `ICS ${form}`).toContain(fact);
        else expect.soft(all, `ICS ${form}`).toMatch(fact);
      }
      expect.soft(wordsOutside(bbox, PAPER[paper].widthPt, PAPER[paper].heightPt), `ICS ${form} on ${paper}: words off the page`).toEqual([]);
      expect.soft(images.length).toBe(pages);
      for (const image of images) expect.soft(edgesBlank(image), `${image}: the page edges are blank`).toBe(true);
      if (form === '214') expect.soft(pages, 'a long activity log runs over several pages').toBeGreaterThan(3);
      if (form === '207') expect.soft(pages, 'the chart and its continuations, one sheet a page').toBeGreaterThanOrEqual(3);
      // The hostile strings print as the text they are (the long word wrapped, so read it without line breaks).
      if (form === '205') expect.soft(all.replace(/ /g, '')).toContain(FORMS_HOSTILE.replace(/ /g, ''));
    }
  });
}

test('all forms print together, a drill says DRILL on every page, and the view has no serious accessibility problem', async ({ page }) => {
  test.setTimeout(120_000);
  await openForms(page, 'all', 'a4');
  const together = await printed(page, 'all-a4', 'a4');
  expect(together.pages).toBeGreaterThan(FORM_NUMBERS.length);
  for (const number of FORM_NUMBERS) expect(squash(together.perPage.join(' '))).toContain(`ICS ${number}`);

  // A drill says so on every page of every form.
  const drill = encodeIncidentFile(formsIncident({ drill: true, id: 'forms-drill-0001' }), { exportedAt: FORMS_T0 + 3_600_000, exportedBy: FORMS_IC });
  await importFile(page, '26-Drill.cpinc', drill);
  await expect(page.getByRole('link', { name: /26-Drill/ }).first()).toBeVisible();
  await page.goto('/#/forms/forms-drill-0001?form=all&paper=letter');
  await expect(page.locator('article.ics-form').first()).toBeVisible();
  const drilled = await printed(page, 'drill-letter', 'letter');
  for (const [i, text] of drilled.perPage.entries()) {
    expect.soft(squash(text), `drill page ${i + 1}`).toContain('DRILL · this is an exercise, not a real incident');
    expect.soft(squash(text), `drill page ${i + 1}`).toContain('26-Drill · operational period');
  }
  await openForms(page, 'all', 'a4');

  // The toolbar, by keyboard: the form and the paper change the route and the pages.
  await page.getByRole('combobox', { name: 'Form' }).selectOption('205');
  await expect(page).toHaveURL(/form=205&paper=a4/);
  await page.getByRole('radio', { name: 'Letter' }).check();
  await expect(page).toHaveURL(/form=205&paper=letter/);
  await expect(page.locator('article.ics-form')).toHaveCount(1);
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: test.info().outputPath(`forms-view-${scheme}.png`) });
    const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
    const blocking = violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect.soft(blocking, `the forms view (${scheme})`).toEqual([]);
  }
});
});

test.describe('the communications plan', () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    test(`the IC adds channels by keyboard, orders the fallbacks, saves the machine's default, and the forms print it (${viewport.width}×${viewport.height})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto('/#/');
      await declareByKeyboard(page, { synopsis: 'Search is down', who: FORMS_IC, name: '26-Echo' });
      await page.keyboard.press('Alt+S');
      const box = page.getByRole('region', { name: 'Communications plan' });
      await expect(box.getByText(`Kept by the Comms Lead: ${FORMS_IC}`)).toBeVisible();

      const add = async (kind: string, name: string, where: string, who: string) => {
        await box.getByRole('button', { name: 'Add channel…' }).click();
        const form = box.getByRole('form', { name: 'Add a channel' });
        await expect(form.getByLabel('Name')).toBeFocused();
        await page.keyboard.insertText(name);
        await form.getByLabel('Kind').selectOption({ label: kind });
        await form.getByLabel('Where').fill(where);
        await form.getByLabel('Who is reachable there').fill(who);
        await form.getByLabel('Who is reachable there').press('Enter');
        await expect(form).toBeHidden();
      };
      await add('Phone bridge or video call', 'Ops bridge', '+1 555 0100 PIN 4242', 'IC and leads');
      await add('Chat room', 'Slack #inc-echo', 'acme.slack.com', 'all responders');
      // A name already in the plan is refused in place, and the form keeps what was typed.
      await box.getByRole('button', { name: 'Add channel…' }).click();
      await page.keyboard.insertText('ops BRIDGE');
      await page.keyboard.press('Enter');
      await expect(box.getByRole('alert')).toHaveText('The plan already has a channel called Ops bridge: give this one another name.');
      await page.keyboard.press('Escape');
      await expect(box.getByRole('form')).toHaveCount(0);

      await box.getByRole('button', { name: 'Move Slack #inc-echo earlier' }).click();
      await expect(box.getByRole('list', { name: 'When a channel is down' })).toHaveText('If Slack #inc-echo is down, use Ops bridge (+1 555 0100 PIN 4242).');
      for (const scheme of ['dark', 'light'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const { violations } = await new AxeBuilder({ page }).setLegacyMode().include('.comms-plan').analyze();
        const blocking = violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect.soft(blocking, `the comms plan editor (${scheme})`).toEqual([]);
      }
      await page.emulateMedia({ colorScheme: 'dark' });
      // Nothing of the box runs off a phone's screen.
      const right = await box.evaluate((el) => Math.max(...[...el.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)));
      expect(right).toBeLessThanOrEqual(viewport.width);

      await box.screenshot({ path: test.info().outputPath(`comms-plan-${viewport.width}.png`) });
      await box.getByRole('button', { name: 'Save as this machine’s default' }).click();
      await expect(page.getByText('Saved as this machine’s default plan')).toBeVisible();
      await box.getByRole('link', { name: 'Print ICS forms…' }).click();
      await expect(page.locator('article[data-form="205"]')).toContainText('If Slack #inc-echo is down, use Ops bridge');

      // The next incident declared on this machine starts with the plan.
      await page.goto('/#/');
      await declareByKeyboard(page, { synopsis: 'Mail is slow', who: FORMS_IC, name: '26-Foxtrot' });
      await page.keyboard.press('Alt+S');
      await expect(page.getByRole('region', { name: 'Communications plan' }).getByRole('list', { name: 'When a channel is down' })).toHaveText(
        'If Slack #inc-echo is down, use Ops bridge (+1 555 0100 PIN 4242).',
      );
    });
  }
});
