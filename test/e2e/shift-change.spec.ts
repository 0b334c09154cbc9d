import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { declareByKeyboard, timeline } from './helpers';

const INCIDENTS = ['26-Alfa', '26-Kilo'] as const;
/** As the list shows them: most severe first, then the newest. */
const URGENT_FIRST = ['26-Kilo', '26-Alfa'] as const;

async function toList(page: Page) {
  await page.keyboard.press('Control+Shift+H');
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
}

function row(page: Page, name: string) {
  return page.locator('.incident-row', { has: page.getByRole('link', { name: new RegExp(`^${name},`) }) });
}

test('shift change: one IC hands two incidents to the incoming IC with edited briefings, who acknowledges both after switching the name', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  for (const name of INCIDENTS) {
    await declareByKeyboard(page, { name, synopsis: `${name}: checkout failing`, who: 'Dana Scully' });
    await toList(page);
  }
  await expect(row(page, '26-Kilo')).toContainText('IC Dana Scully');

  // H on the list: both incidents ticked, the incoming IC's name to type. A group is refused with the reason.
  await page.keyboard.press('h');
  const shift = page.getByRole('dialog', { name: 'Hand over my incidents' });
  for (const name of INCIDENTS) await expect(shift.getByRole('checkbox', { name: new RegExp(name) })).toBeChecked();
  const incoming = shift.getByRole('textbox', { name: 'Incoming Incident Commander' });
  await expect(incoming).toBeFocused();
  await page.keyboard.type('the SRE team');
  await page.keyboard.press('Enter');
  await expect(shift.getByRole('alert')).toContainText('is a group, not a person');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Rae Stone');
  await page.keyboard.press('Enter');

  // One briefing per incident, drafted from it, each edited; Ctrl+Enter moves on, and on the last offers them all.
  const offer = page.getByRole('dialog', { name: 'Hand over to Rae Stone' });
  for (const [i, name] of URGENT_FIRST.entries()) {
    await expect(offer.getByRole('heading', { name: new RegExp(`Briefing ${i + 1} of 2`) })).toContainText(name);
    const briefing = offer.getByRole('textbox', { name: new RegExp(`Briefing for ${name}`) });
    await expect(briefing).toBeFocused();
    await expect(briefing).toHaveValue(/^Briefing for Rae Stone, taking over as Incident Commander\.[\s\S]*SITUATION[\s\S]*RESOURCES/);
    await expect(offer).toContainText(`Rae Stone has not checked in to ${name}: they are checked in first, then offered command.`);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(`\nHANDOVER NOTE: ${name} vendor ticket is the one to chase.`);
    await page.keyboard.press('Control+Enter');
  }
  await expect(offer.getByRole('status')).toHaveText('All 2 handovers are offered to Rae Stone: command changes as Rae Stone acknowledges each one.');
  await expect(offer.getByRole('button', { name: 'Done' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(offer).toBeHidden();
  // Not for Dana: the notice is for whoever command is handed to.
  await expect(page.getByRole('region', { name: 'Handovers offered to you' })).toHaveCount(0);

  // The incoming IC, at this keyboard: their name in Settings.
  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('textbox', { name: 'Your name' }).fill('Rae Stone');
  await page.keyboard.press('Enter');
  await expect(settings.getByRole('status')).toHaveText('Saved: you are Rae Stone on this machine.');
  await page.keyboard.press('Escape');
  const waiting = page.getByRole('region', { name: 'Handovers offered to you' });
  await expect(waiting).toContainText('2 handovers of command are offered to you, Rae Stone: 26-Kilo, 26-Alfa.');

  // From the palette, as from the notice's button: each briefing in turn, read-only, with the edits; Enter takes command.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('take command');
  await page.keyboard.press('Enter');
  const ack = page.getByRole('dialog', { name: '2 handovers offered to Rae Stone' });
  for (const name of URGENT_FIRST) {
    await expect(ack.getByLabel(`Briefing for ${name}`)).toContainText(`HANDOVER NOTE: ${name} vendor ticket is the one to chase.`);
    await expect(ack).toContainText(`Dana Scully offered you command of ${name}`);
    const take = ack.getByRole('button', { name: 'Acknowledge and take command, Rae Stone' });
    await expect(take).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await expect(ack.getByRole('status')).toContainText('You command 2 incidents now; each handover is in its timeline.');
  await expect(ack).toContainText('Read out on the call of 26-Kilo, 26-Alfa');
  await expect(ack.locator('.announcement')).toHaveText('Everyone, Rae Stone is now the Incident Commander.');
  await page.keyboard.press('Enter');
  await expect(ack).toBeHidden();

  // The list follows, and each timeline holds the offer and the acceptance.
  await expect(waiting).toHaveCount(0);
  for (const name of INCIDENTS) await expect(row(page, name)).toContainText('IC Rae Stone');
  for (const name of INCIDENTS) {
    await row(page, name).getByRole('link').click();
    const log = timeline(page);
    await expect(log).toContainText('Rae Stone checked in.');
    await expect(log).toContainText('Dana Scully is handing Incident Commander to Rae Stone; briefing given, waiting for acknowledgement.');
    await expect(log).toContainText('Handover: Rae Stone is now the Incident Commander, taking over from Dana Scully.');
    await toList(page);
  }
});

test('shift change for someone who commands nothing says so, and the list offers no button for it', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { name: '26-Lima', synopsis: 'Search slow', who: 'Dana Scully' });
  await toList(page);
  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('textbox', { name: 'Your name' }).fill('Sam Okoye');
  await page.keyboard.press('Enter');
  await expect(settings.getByRole('status')).toContainText('Sam Okoye');
  await page.keyboard.press('Escape');
  // Sam commands nothing: the list has no button for it, and H says so rather than showing an empty form.
  await expect(page.getByRole('button', { name: 'Hand over my incidents…' })).toHaveCount(0);
  await page.keyboard.press('h');
  const shift = page.getByRole('dialog', { name: 'Hand over my incidents' });
  await expect(shift).toContainText('You, Sam Okoye, command no active incident on this machine.');
  await expect(shift.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(shift).toBeHidden();
});
