import { describe, expect, it } from 'vitest';
import { IC_ROLE_ID } from '../../../src/shared/incident';
import { besideShape, chartTree, stackShape, visualOrder, type ChartNode } from '../../../src/renderer/features/org-chart/layout';
import { dutyOf, followStored, formatDuty, reportsLabel, spanLevel } from '../../../src/renderer/features/org-chart/org-format';
import { nextInStaging, panelOrder, responderSections } from '../../../src/renderer/features/org-chart/responders';
import { MINUTE } from '../harness/context';
import { response } from './org-fixture';

const titles = (nodes: readonly ChartNode[]) => nodes.map((n) => n.role.title);

describe('the chart layout', () => {
  it('spreads sub-teams side by side and stacks people who lead nobody beside their lead', () => {
    const { org } = response();
    const ic = chartTree(org())!;
    expect(ic.role.id).toBe(IC_ROLE_ID);
    // Deputy and Scribe beside the IC's card; the Tech Lead's branch and the Comms Lead below it.
    expect(titles(ic.leaves)).toEqual(['Deputy', 'Scribe', 'Comms Lead']);
    expect(titles(ic.branches)).toEqual(['Tech Lead']);
    const tl = ic.branches[0]!;
    expect(titles(tl.leaves)).toEqual(['Database SME', 'Storage SME', 'DNS SME']);
    expect(titles(tl.branches)).toEqual(['Network Team Lead']);
    const net = tl.branches[0]!;
    expect(net.stack).toBeNull();
    expect(titles(net.branches)).toEqual(['LAN Team Lead', 'WAN Team Lead']);
    // A team with only members under it: the members go under the lead's card.
    expect(net.branches[0]!.stack).toEqual({ columns: 1, rows: 2, place: 'below' });
    expect(net.width).toBe(2);
    // Beside a lead, as many columns as the sub-teams below leave free: no wider, and fewer rows.
    expect(tl.stack).toEqual({ columns: 1, rows: 3, place: 'beside' });
    expect(tl.width).toBe(2);
  });

  it('reads in the order of the screen: a card, the people beside it, then each sub-team', () => {
    const { org } = response();
    const order = visualOrder(chartTree(org()));
    const title = (id: string) => org().roles.find((r) => r.id === id)!.title;
    expect(order.map(title)).toEqual([
      'Incident Commander',
      'Deputy',
      'Scribe',
      'Comms Lead',
      'Tech Lead',
      'Database SME',
      'Storage SME',
      'DNS SME',
      'Network Team Lead',
      'LAN Team Lead',
      'Team Member',
      'Team Member',
      'WAN Team Lead',
      'Team Member',
    ]);
    expect(new Set(order).size).toBe(org().roles.length);
  });

  it('wraps a stack into a second column only beyond seven, the most one lead can follow', () => {
    expect(stackShape(0)).toEqual({ columns: 0, rows: 0 });
    expect(stackShape(7)).toEqual({ columns: 1, rows: 7 });
    expect(stackShape(8)).toEqual({ columns: 2, rows: 4 });
    expect(stackShape(15)).toEqual({ columns: 3, rows: 5 });
    expect(besideShape(3, 3)).toEqual({ columns: 2, rows: 2 });
    expect(besideShape(2, 5)).toEqual({ columns: 2, rows: 1 });
    expect(besideShape(9, 1)).toEqual({ columns: 2, rows: 5 });
  });
});

describe('the words on the cards', () => {
  it('says time on duty as hours and minutes', () => {
    expect(formatDuty(0)).toBe('0:00');
    expect(formatDuty(92 * MINUTE + 59_000)).toBe('1:32');
    expect(formatDuty(-5)).toBe('0:00');
  });

  it('grades the span of control: up to 5 fine, 6 and 7 a stretch, more too many', () => {
    expect([1, 5, 6, 7, 8, 12].map(spanLevel)).toEqual(['ok', 'ok', 'caution', 'caution', 'over', 'over']);
    expect(reportsLabel(1)).toBe('1 report');
    expect(reportsLabel(8)).toBe('8 reports');
  });

  it('prompts to rotate a responder once they have been on duty for the rotation time', () => {
    const { org } = response();
    const bo = org().responders.find((r) => r.name === 'Bo')!;
    expect(dutyOf(bo, { minutes: 90, since: 0 }, bo.checkedInAt + 89 * MINUTE)).toEqual({ clock: '1:29', text: 'On duty 1:29', due: false });
    expect(dutyOf(bo, { minutes: 90, since: 0 }, bo.checkedInAt + 92 * MINUTE)).toEqual({ clock: '1:32', text: 'On duty 1:32 — rotate?', due: true });
    expect(dutyOf(bo, { minutes: 120, since: 0 }, bo.checkedInAt + 92 * MINUTE).due).toBe(false);
  });

  it('keeps what is typed in the rotation field: a value set stays, a change from elsewhere never replaces typing', () => {
    const idle = { typed: '90', stored: 90 };
    expect(followStored(idle, 90)).toBe(idle);
    // A peer sets 30 while nobody types here: the field shows it.
    expect(followStored(idle, 30)).toEqual({ typed: '30', stored: 30 });
    // Set here to 1: the field keeps 1 before and after the chart has it.
    const set = { typed: '1', stored: 90 };
    expect(followStored(set, 90)).toBe(set);
    expect(followStored(set, 1)).toEqual({ typed: '1', stored: 1 });
    // Typing 45 (not set yet) when a peer sets 60: the 45 stays, to be set or changed.
    expect(followStored({ typed: '45', stored: 90 }, 60)).toEqual({ typed: '45', stored: 60 });
    // A refused value stays with its reason too.
    expect(followStored({ typed: '0', stored: 90 }, 60).typed).toBe('0');
  });
});

describe('the responders panel', () => {
  it('lists staging by arrival, assigned in chart order, released newest first', () => {
    const { org } = response();
    const order = visualOrder(chartTree(org()));
    const sections = responderSections(org(), order);
    const names = (list: readonly { name: string }[]) => list.map((r) => r.name);
    expect(names(sections.staging)).toEqual(['Quinn', 'Rae']);
    expect(names(sections.assigned)).toEqual(['Ada', 'Bea', 'Cal', 'Bo', 'Jo', 'Kai', 'Lea', 'Cy', 'Di', 'Fay', 'Gus', 'Ed', 'Hal']);
    expect(sections.released).toEqual([]);
    expect(panelOrder(sections)[0]).toBe(sections.staging[0]!.id);
  });

  it('after an assignment, moves on to the next person waiting', () => {
    const { org } = response();
    const { staging } = responderSections(org(), []);
    expect(nextInStaging(staging, staging[0]!.id)).toBe(staging[1]!.id);
    expect(nextInStaging(staging, staging[1]!.id)).toBe(staging[0]!.id);
    expect(nextInStaging(staging.slice(0, 1), staging[0]!.id)).toBeNull();
    expect(nextInStaging(staging, 'someone else')).toBeNull();
  });
});
