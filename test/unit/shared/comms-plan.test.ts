import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  COMMS_SCHEMA_VERSION,
  SCHEMA_VERSION,
  addRole,
  applyCommsPlan,
  channelKey,
  checkIn,
  commsMapOf,
  declareEnd,
  decodeIncidentFile,
  encodeIncidentFile,
  fallbackChain,
  metaOf,
  moveCommsChannel,
  projectIncident,
  projectionOf,
  removeCommsChannel,
  saveCommsChannel,
  type OrgEvent,
} from '../../../src/shared/incident';
import { commsKeepers } from '../../../src/shared/incident/comms-rule';
import { declaredIncident } from '../harness/incident';
import { refused } from '../harness/refused';
import { MINUTE, testContext } from '../harness/context';

const plan = (doc: Y.Doc) => projectionOf(doc).snapshot.comms;
const responderId = (e: OrgEvent) => (e.org as { responderId: string }).responderId;

function withCommsLead() {
  const { doc, ctx } = declaredIncident('Ada');
  const jo = responderId(checkIn(doc, { name: 'Jo Kim' }, ctx));
  addRole(doc, { role: { kind: 'comms-lead' }, holderId: jo }, ctx);
  return { doc, ctx, jo: testContext('Jo Kim', ctx.time, 'jo') };
}

describe('the communications plan', () => {
  it('keeps channels in fallback order and says what to use when one is down', () => {
    const { doc, ctx } = declaredIncident('Ada');
    saveCommsChannel(doc, { kind: 'chat', name: 'Slack #inc-bravo', reachable: 'all responders' }, ctx);
    saveCommsChannel(doc, { kind: 'bridge', name: 'Ops bridge', address: '+1 555 0100 PIN 4242' }, ctx);
    saveCommsChannel(doc, { kind: 'radio', name: 'Site radio', address: 'channel 3' }, ctx);
    expect(plan(doc).channels.map((c) => c.name)).toEqual(['Slack #inc-bravo', 'Ops bridge', 'Site radio']);
    expect(fallbackChain(plan(doc))).toEqual(['If Slack #inc-bravo is down, use Ops bridge (+1 555 0100 PIN 4242).', 'If Ops bridge is down, use Site radio (channel 3).']);
    expect(plan(doc).editedBy).toBe('Ada');
    expect(metaOf(doc).get('schemaVersion')).toBe(COMMS_SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(COMMS_SCHEMA_VERSION);
  });

  it('changes a channel in place, moves it in the order, and removes it', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const chat = saveCommsChannel(doc, { kind: 'chat', name: 'Slack' }, ctx);
    const bridge = saveCommsChannel(doc, { kind: 'bridge', name: 'Bridge' }, ctx);
    saveCommsChannel(doc, { id: chat.id, kind: 'chat', name: 'Slack #inc', address: 'workspace acme' }, ctx);
    expect(plan(doc).channels[0]).toMatchObject({ id: chat.id, name: 'Slack #inc', address: 'workspace acme' });
    moveCommsChannel(doc, { id: bridge.id, direction: 'earlier' }, ctx);
    expect(plan(doc).channels.map((c) => c.id)).toEqual([bridge.id, chat.id]);
    expect(refused(() => moveCommsChannel(doc, { id: bridge.id, direction: 'earlier' }, ctx))).toBe('Bridge is already first.');
    removeCommsChannel(doc, { id: bridge.id }, ctx);
    expect(plan(doc).channels.map((c) => c.id)).toEqual([chat.id]);
    expect(refused(() => removeCommsChannel(doc, { id: bridge.id }, ctx))).toMatch(/no longer in the plan/);
  });

  it('refuses bad input with a message for people, and stores nothing', () => {
    const { doc, ctx } = declaredIncident('Ada');
    expect(refused(() => saveCommsChannel(doc, { kind: 'chat', name: '  ' }, ctx))).toBe('The channel name is required.');
    expect(refused(() => saveCommsChannel(doc, { kind: 'pigeon' as 'chat', name: 'Coop' }, ctx))).toMatch(/what kind of channel/);
    expect(refused(() => saveCommsChannel(doc, { kind: 'chat', name: 'Slack', address: 'a\tb' }, ctx))).toMatch(/one line/);
    expect(refused(() => saveCommsChannel(doc, { kind: 'chat', name: 'x'.repeat(81) }, ctx))).toBe('The channel name is at most 80 characters.');
    saveCommsChannel(doc, { kind: 'chat', name: 'Slack' }, ctx);
    expect(refused(() => saveCommsChannel(doc, { kind: 'bridge', name: 'SLACK' }, ctx))).toMatch(/already has a channel called Slack/);
    expect(plan(doc).channels).toHaveLength(1);
  });

  it('is the IC’s while nobody holds Comms Lead, then the Comms Lead’s alone', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const bea = testContext('Bea', ctx.time, 'bea');
    checkIn(doc, { name: 'Bea' }, ctx);
    expect(refused(() => saveCommsChannel(doc, { kind: 'chat', name: 'Slack' }, bea))).toBe(
      'Only the Comms Lead changes the communications plan; nobody holds it yet, so the IC, Ada, does: ask them, or log it for them (Alt+A).',
    );
    // A Comms Lead role nobody was given yet is still the IC's.
    addRole(doc, { role: { kind: 'comms-lead' } }, ctx);
    saveCommsChannel(doc, { kind: 'chat', name: 'Slack' }, ctx);

    const lead = withCommsLead();
    // The status document names the keeper from the snapshot's chart by the same rule.
    const chart = projectionOf(lead.doc).snapshot.org!;
    expect(commsKeepers(chart.roles, chart.icId).map((id) => chart.responders.find((r) => r.id === id)!.name)).toEqual(['Jo Kim']);
    const before = projectionOf(doc).snapshot.org!;
    expect(commsKeepers(before.roles, before.icId)).toEqual([before.icId]);
    expect(refused(() => saveCommsChannel(lead.doc, { kind: 'chat', name: 'Slack' }, lead.ctx))).toBe(
      'Only the Comms Lead changes the communications plan, and Jo Kim holds it: ask them, or log it for them (Alt+A).',
    );
    saveCommsChannel(lead.doc, { kind: 'chat', name: 'Slack' }, lead.jo);
    // The Scribe (here the IC at the keyboard) may write it for the Comms Lead, credited to them.
    const forJo = { ...lead.ctx, onBehalfOf: { person: 'Jo Kim' } };
    saveCommsChannel(lead.doc, { kind: 'bridge', name: 'Bridge' }, forJo);
    expect(plan(lead.doc).channels[1]!.editedBy).toMatch(/^Jo Kim \(.+\), logged by Ada$/);
  });

  it('is closed with the incident', () => {
    const { doc, ctx } = declaredIncident('Ada');
    declareEnd(doc, {}, ctx);
    expect(refused(() => saveCommsChannel(doc, { kind: 'chat', name: 'Slack' }, ctx))).toMatch(/has ended/);
  });

  it('applies a default plan only to an empty one, in its order', () => {
    const { doc, ctx } = declaredIncident('Ada');
    applyCommsPlan(doc, { channels: [{ kind: 'chat', name: 'Slack' }, { kind: 'bridge', name: 'Bridge', address: '555' }] }, ctx);
    expect(plan(doc).channels.map((c) => c.name)).toEqual(['Slack', 'Bridge']);
    expect(refused(() => applyCommsPlan(doc, { channels: [{ kind: 'chat', name: 'Teams' }] }, ctx))).toMatch(/has a communications plan already/);
    const other = declaredIncident('Ada');
    expect(refused(() => applyCommsPlan(other.doc, { channels: [{ kind: 'chat', name: 'A' }, { kind: 'chat', name: 'a' }] }, other.ctx))).toMatch(/names a twice/);
    expect(plan(other.doc).channels).toEqual([]);
  });

  it('reads a peer’s malformed channel as absent, and two peers’ channels both arrive', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const good = saveCommsChannel(doc, { kind: 'chat', name: 'Slack' }, ctx);
    commsMapOf(doc).set(channelKey('evil'), { id: 'evil', kind: 'chat', name: '<img src=x onerror=alert(1)>', rank: 'first' });
    commsMapOf(doc).set(channelKey('other'), { ...good, id: 'not-other' });
    commsMapOf(doc).set('editedBy', 42);
    expect(plan(doc).channels.map((c) => c.id)).toEqual([good.id]);
    expect(plan(doc).malformed).toBe(2);
    expect(plan(doc).editedBy).toBeNull();

    const a = declaredIncident('Ada');
    const b = new Y.Doc({ guid: a.doc.guid });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc));
    saveCommsChannel(a.doc, { kind: 'chat', name: 'Slack' }, a.ctx);
    saveCommsChannel(b, { kind: 'bridge', name: 'Bridge' }, testContext('Ada', a.ctx.time + MINUTE, 'b'));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b));
    expect(projectIncident(a.doc).comms.channels.map((c) => c.name).sort()).toEqual(['Bridge', 'Slack']);
    expect(projectIncident(b).comms.channels.map((c) => c.id)).toEqual(projectIncident(a.doc).comms.channels.map((c) => c.id));
  });

  it('travels in an exported file, and a file with a forged channel is refused', () => {
    const { doc, ctx } = declaredIncident('Ada');
    saveCommsChannel(doc, { kind: 'chat', name: 'Slack' }, ctx);
    const ok = decodeIncidentFile(encodeIncidentFile(doc, { exportedAt: ctx.now(), exportedBy: 'Ada' }));
    expect(ok.ok).toBe(true);
    commsMapOf(doc).set(channelKey('x'), { nonsense: true });
    const bad = decodeIncidentFile(encodeIncidentFile(doc, { exportedAt: ctx.now(), exportedBy: 'Ada' }));
    expect(bad).toMatchObject({ ok: false });
    expect(bad.ok ? '' : bad.message).toMatch(/communications plan/);
  });
});
