/**
 * An incident's relay connections (what IncidentSync adds next to WebRTC),
 * against the real relay on 127.0.0.1, with `ws` standing in for the
 * browser's WebSocket.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RelayServer } from '../../../src/main/relay/server';
import { closeRelays, connectedToRelays, relayMachine, roomClient, startTestRelay } from '../harness/relay';
import { ENVELOPES_ROOT } from '../../../src/renderer/incidents/sync/relay';
import { admissionKey } from '../../../src/renderer/incidents/sync/relay-seal';

const INCIDENT = '3f1c2a4e-1111-4222-8333-444455556666';
const SECRET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

afterEach(async () => {
  traffic.length = 0;
  await closeRelays();
});

async function relay(): Promise<RelayServer> {
  return startTestRelay();
}

/** Every frame the machines' relay connections sent or received, as bytes. */
const traffic: Buffer[] = [];

const machine = (urls: string[], secret = SECRET, compactAfter?: number) => relayMachine(INCIDENT, secret, urls, { traffic, compactAfter });
const connected = connectedToRelays;

describe('relay rooms', () => {
  it('are named by a public key derived from the secret and the incident: the relay learns neither', async () => {
    const { room } = await admissionKey(SECRET, INCIDENT);
    expect(room).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await admissionKey(SECRET, INCIDENT)).room).toBe(room);
    expect((await admissionKey(`${SECRET.slice(0, -1)}A`, INCIDENT)).room).not.toBe(room);
    expect((await admissionKey(SECRET, INCIDENT.replace('3f1c', '3f1d'))).room).not.toBe(room);
    expect(room).not.toContain(INCIDENT.slice(0, 8));
  });
});

describe('syncing an incident through a relay', () => {
  it('brings two command posts together, edits and presence, and says it is connected', async () => {
    const s = await relay();
    const a = machine([s.url]);
    const b = machine([s.url]);
    a.timeline.push(['A: declared']);
    b.awareness.setLocalState({ name: 'Bo (Scribe)' });
    await connected(a);
    await connected(b);
    expect(a.onChange).toHaveBeenCalled();
    await vi.waitFor(() => expect(b.timeline.toArray()).toEqual(['A: declared']));
    b.timeline.push(['B: pooler restarted']);
    await vi.waitFor(() => expect(a.timeline.toArray()).toEqual(['A: declared', 'B: pooler restarted']));
    await vi.waitFor(() => expect(a.awareness.getStates().get(b.doc.clientID)).toEqual({ name: 'Bo (Scribe)' }));
    expect(s.stats()).toMatchObject({ connections: 2, rooms: 1 });
  });

  it('carries ciphertext only: the words written reach the other machine, and appear in no frame either connection sent or received', async () => {
    const s = await relay();
    const a = machine([s.url]);
    const b = machine([s.url]);
    const sentences = ['Primary database pg-main-01 is refusing connections', 'Paging Dana Whitfield for the storage array'];
    a.timeline.push([sentences[0]!]);
    await connected(a);
    await connected(b);
    b.timeline.push([sentences[1]!]);
    await vi.waitFor(() => expect(a.timeline.toArray()).toEqual(sentences));
    await vi.waitFor(() => expect(b.timeline.toArray()).toEqual(sentences));
    expect(traffic.length).toBeGreaterThan(4);
    for (const sentence of sentences) {
      // Any stretch of it long enough to be told apart, in the UTF-8 that Yjs writes.
      const needle = Buffer.from(sentence.slice(8, 28));
      expect(traffic.filter((frame) => frame.includes(needle))).toEqual([]);
    }
  });

  it('keeps the room small: past the limit, a member folds its envelopes into one, and a newcomer still gets every change', async () => {
    const s = await relay();
    const a = machine([s.url], SECRET, 10);
    const b = machine([s.url], SECRET, 10);
    await connected(a);
    await connected(b);
    const { outer: room } = await roomClient(s.url, SECRET, INCIDENT);
    let most = 0;
    const envelopes = room.getArray(ENVELOPES_ROOT);
    envelopes.observe(() => (most = Math.max(most, envelopes.length)));
    for (let i = 0; i < 40; i++) {
      (i % 2 ? b : a).timeline.push([`change ${i}`]);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await vi.waitFor(() => expect(a.timeline.length).toBe(40));
    await vi.waitFor(() => expect(b.timeline.length).toBe(40));
    // Forty envelopes were sent; the room never held many more than the limit, and holds fewer now.
    await vi.waitFor(() => expect(envelopes.length).toBeLessThan(10), { timeout: 5_000 });
    expect(most).toBeLessThan(20);
    const c = machine([s.url], SECRET, 10);
    await vi.waitFor(() => expect(new Set(c.timeline.toArray())).toEqual(new Set(a.timeline.toArray())), { timeout: 5_000 });
  });

  it('puts someone with another secret in another room, where they read nothing', async () => {
    const s = await relay();
    const a = machine([s.url]);
    a.timeline.push(['card processor credentials rotated']);
    const eve = machine([s.url], 'A'.repeat(26));
    await connected(a);
    await connected(eve);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(eve.timeline.length).toBe(0);
    expect(s.stats()).toMatchObject({ connections: 2, rooms: 2 });
  });

  it('reports a relay it cannot reach', async () => {
    const s = await relay();
    const url = s.url;
    await s.close();
    const a = machine([url]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(a.link.state).toMatchObject({ total: 1, up: 0, synced: true, nodes: [{ url, state: 'connecting' }] });
  });

  it('pauses and resumes: what each side logged meanwhile merges', async () => {
    const s = await relay();
    const a = machine([s.url]);
    const b = machine([s.url]);
    await connected(a);
    await connected(b);
    a.link.pause();
    await vi.waitFor(() => expect(a.link.state.up).toBe(0));
    a.timeline.push(['A alone']);
    b.timeline.push(['B meanwhile']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(b.timeline.toArray()).toEqual(['B meanwhile']);
    a.link.resume();
    await vi.waitFor(() => expect(b.timeline.length).toBe(2));
    await vi.waitFor(() => expect(a.timeline.length).toBe(2));
    expect(a.timeline.toArray()).toEqual(b.timeline.toArray());
  });

  it('reconnects when asked, and what the relay lacked reaches the others', async () => {
    const s = await relay();
    const a = machine([s.url]);
    const b = machine([s.url]);
    await connected(a);
    await connected(b);
    for (let i = 0; i < 3; i++) {
      a.link.reconnect();
      a.timeline.push([`after reconnect ${i}`]);
      await connected(a);
    }
    await vi.waitFor(() => expect(b.timeline.length).toBe(3));
  });

  it('says so when the relay refuses the incident for its size, and keeps working on this machine', async () => {
    const s = await startTestRelay({ maxRoomBytes: 64 * 1024 });
    const a = machine([s.url]);
    await connected(a);
    a.timeline.push(['x'.repeat(100 * 1024)]);
    await vi.waitFor(() => expect(a.link.state.nodes).toEqual([{ url: s.url, state: 'refused', reason: 'this incident has grown past what the relay holds' }]));
    expect(a.link.state.up).toBe(0);
    expect(a.timeline.length).toBe(1);
  });

  it('follows the share: a relay added joins, and with none it disconnects', async () => {
    const [one, two] = [await relay(), await relay()];
    const a = machine([one.url]);
    const b = machine([two.url]);
    await connected(a);
    await connected(b);
    a.timeline.push(['A on relay one']);
    a.link.setUrls([one.url, two.url]);
    await connected(a, 2);
    await vi.waitFor(() => expect(b.timeline.toArray()).toEqual(['A on relay one']));
    expect(one.stats().connections).toBe(1);

    a.link.setUrls([]);
    await vi.waitFor(() => expect(a.link.state).toEqual({ total: 0, up: 0, synced: true, nodes: [] }));
    await vi.waitFor(() => expect(one.stats().connections + two.stats().connections).toBe(1));
  });
});
