/**
 * 'Share on this network' for the open incident (issue 23): main announces
 * it on the LAN (and opens the signaling server there while it does), and
 * this page answers knocks at the announced ids on its own signaling server,
 * holding each until the IC decides in the prompt (features/sync/KnockPrompt).
 *
 * One incident at a time, the open one: closing it, ending it, or the page
 * going away withdraws the announcement (main withdraws too when the page
 * reloads), and nothing is announced again after a restart until the IC
 * turns the switch on again. An announcement that outlived the IC's
 * attention would keep inviting knocks nobody watches.
 */
import { WebsocketClient } from 'lib0/websocket';
import { createKnockHost, knockTopic, type IncomingKnock, type KnockHost, type KnockRole } from '../../../shared/sync/knock';
import type { DiscoveryStatus, ShareOnLanRequest } from '../../../shared/ipc';
import { isSignedIncidentId } from '../../../shared/trust/records';
import { host } from '../../host';
import { useIncidents } from '../../stores/incident';
import { useLanShare } from '../../stores/lan-share';
import { addNotice } from '../../stores/notices';
import { commands } from '../commands';
import { openSession } from '../open-incident';
import type { IncidentSession } from '../sessions';
import { admitRoles, decisionNote, enqueueKnock, idChanges, withoutKnock, type WaitingKnock } from './lan-knocks';
import { paceReconnects } from './signaling-pacer';
import { inviteFor, shareIncident } from './share';

interface Listening {
  readonly incidentId: string;
  readonly client: WebsocketClient;
  readonly hosts: Map<string, KnockHost>;
  readonly knocks: Map<string, IncomingKnock>;
  off: () => void;
}

let listening: Listening | null = null;
/** Announcements, one after the other: a switch flipped twice quickly must end as it was last flipped. */
let turns: Promise<unknown> = Promise.resolve();
function inTurn(step: () => Promise<void>): Promise<void> {
  const done = turns.then(step, step);
  turns = done.catch(() => {});
  return done;
}

function messageOf(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}

/** What main is told about the incident: its name and severity only when the IC said so. */
function announced(incidentId: string, showName: boolean): ShareOnLanRequest {
  const header = useIncidents.getState().snapshot?.header;
  return {
    shareKey: incidentId,
    incident: showName && header ? { codename: header.name.slice(0, 200), severity: header.severity } : null,
  };
}

/**
 * Announces the open incident on this network (or announces it again, with
 * or without its name). Sharing it on the LAN shares it: the share (and the
 * invites knocks are answered with) is made here if it was not yet.
 */
export function shareOnLan(session: IncidentSession, showName: boolean): Promise<void> {
  return inTurn(async () => {
    const discovery = host.discovery;
    const signaling = host.signaling;
    if (!discovery || !signaling) {
      useLanShare.setState({ message: 'Only the desktop app can share on this network.' });
      return;
    }
    if (useIncidents.getState().snapshot?.header?.state === 'ended') {
      useLanShare.setState({ incidentId: session.id, message: 'The incident has ended: there is nothing to join.' });
      return;
    }
    useLanShare.setState({ incidentId: session.id, busy: true, message: null });
    try {
      const share = await shareIncident(session);
      const signed = isSignedIncidentId(session.id);
      const result = await discovery.share(announced(session.id, showName));
      if (openSession()?.id !== session.id) {
        // Closed while main was asked: take it back.
        await discovery.unshare(session.id);
        return;
      }
      if (!result.share) {
        stopListening();
        useLanShare.setState({ share: null, busy: false, message: result.message ?? 'This machine could not announce the incident on this network.', knocks: [] });
        return;
      }
      const own = await signaling.getStatus();
      if (!own.localUrl) {
        // Knocks come through this machine's own signaling server: announcing without it would invite knocks nobody hears.
        await discovery.unshare(session.id);
        stopListening();
        useLanShare.setState({ share: null, busy: false, message: `This machine's signaling server is not running${own.error ? ` (${own.error})` : ''}, so nobody could ask to join. See Settings.` });
        return;
      }
      await listen(session.id, result.share.ids, own.localUrl);
      // Announced, perhaps with a warning from the network (main's message), which the dialog shows beside it.
      useLanShare.setState({ share: result.share, busy: false, roles: admitRoles(share, signed), signed, message: result.message });
    } catch (caught) {
      useLanShare.setState({ busy: false, message: `Sharing on this network failed: ${messageOf(caught)}` });
    }
  });
}

/** Stops announcing the incident and answering its knocks (those waiting are dropped; their joiners time out). */
export function unshareOnLan(message: string | null = null): Promise<void> {
  // Read now: closing the incident forgets it in the store before this turn comes.
  const incidentId = useLanShare.getState().incidentId ?? listening?.incidentId ?? null;
  return inTurn(async () => {
    stopListening();
    useLanShare.setState({ share: null, busy: false, message, knocks: [] });
    if (!incidentId || !host.discovery) return;
    try {
      await host.discovery.unshare(incidentId);
    } catch (caught) {
      addNotice('warning', `This machine may still be announcing the incident on this network: ${messageOf(caught)}`);
    }
  });
}

/** The incident closed: withdraw what it announced. */
export function stopLanShare(): void {
  if (listening || useLanShare.getState().share) void unshareOnLan();
  useLanShare.setState({ incidentId: null, message: null });
}

function stopListening(): void {
  if (!listening) return;
  const was = listening;
  listening = null;
  was.off();
  for (const knockHost of was.hosts.values()) knockHost.close();
  was.client.destroy();
}

/** Answers knocks at these ids, on this machine's own signaling server, and follows the ids main rotates to. */
async function listen(incidentId: string, ids: readonly string[], url: string): Promise<void> {
  if (listening && (listening.incidentId !== incidentId || listening.client.url !== url)) stopListening();
  if (!listening) {
    const client = new WebsocketClient(url);
    const hosts = new Map<string, KnockHost>();
    const knocks = new Map<string, IncomingKnock>();
    const current: Listening = { incidentId, client, hosts, knocks, off: () => {} };
    paceReconnects(client, () => listening === current);
    client.on('connect', () => {
      if (hosts.size) client.send({ type: 'subscribe', topics: [...hosts.values()].map((h) => h.topic) });
    });
    client.on('message', (message: unknown) => {
      for (const knockHost of hosts.values()) knockHost.handle(message);
    });
    const offDiscovery = host.discovery?.onChange((status) => followShare(current, status)) ?? (() => {});
    const offIncident = useIncidents.subscribe((state, previous) => followIncident(current, state.snapshot?.header, previous.snapshot?.header));
    // The same object the callbacks above compare with: they stop acting once it is replaced.
    current.off = () => (offDiscovery(), offIncident());
    listening = current;
  }
  answerAt(listening, ids);
}

function answerAt(at: Listening, ids: readonly string[]): void {
  const { start, stop } = idChanges(at.hosts.keys(), ids);
  for (const id of stop) {
    at.hosts.get(id)?.close();
    at.hosts.delete(id);
  }
  if (stop.length && at.client.connected) at.client.send({ type: 'unsubscribe', topics: stop.map(knockTopic) });
  for (const id of start) {
    const knockHost = createKnockHost({
      announcedId: id,
      send: (message) => {
        if (at.client.connected) at.client.send(message);
      },
      onKnock: (knock) => arrived(at, knock),
      onError: (error) => addNotice('warning', `A request to join from this network could not be read: ${messageOf(error)}`),
    });
    at.hosts.set(id, knockHost);
    if (at.client.connected) at.client.send({ type: 'subscribe', topics: [knockHost.topic] });
  }
}

function arrived(at: Listening, knock: IncomingKnock): void {
  if (listening !== at) return;
  const incidentName = useIncidents.getState().snapshot?.header?.name ?? 'this incident';
  const waiting: WaitingKnock = { requestId: knock.requestId, name: knock.name, machine: knock.machine, code: knock.code, incidentName, arrivedAt: Date.now() };
  const before = useLanShare.getState().knocks;
  const after = enqueueKnock(before, waiting);
  if (after === before) return;
  at.knocks.set(knock.requestId, knock);
  useLanShare.setState({ knocks: after });
}

/** Main rotated the ids, or withdrew the share (discovery turned off in Settings). */
function followShare(at: Listening, status: DiscoveryStatus): void {
  if (listening !== at) return;
  const share = status.shares.find((s) => s.shareKey === at.incidentId);
  if (share) {
    answerAt(at, share.ids);
    useLanShare.setState({ share });
    return;
  }
  stopListening();
  useLanShare.setState({ share: null, knocks: [], message: status.enabled ? 'This machine stopped announcing the incident.' : (status.disabledReason ?? 'Discovery was turned off.') });
}

function followIncident(at: Listening, header: { state: string; name: string; severity: string } | null | undefined, before: typeof header): void {
  if (listening !== at || !header || useIncidents.getState().openId !== at.incidentId) return;
  if (header.state === 'ended') {
    void unshareOnLan('The incident ended, so it is no longer shared on this network.');
    return;
  }
  // An announced name follows a rename or a new severity.
  const share = useLanShare.getState().share;
  const session = openSession();
  if (share?.showsIncident && session && before && (before.name !== header.name || before.severity !== header.severity)) void shareOnLan(session, true);
}

/**
 * The IC's decision on a knock: an invite of that role (made the way the
 * Share dialog makes it, with the admission for a signed incident), sealed
 * for the joiner, or a refusal; either way a note in the timeline.
 */
export async function decideKnock(requestId: string, decision: KnockRole | 'refused'): Promise<void> {
  const at = listening;
  const knock = at?.knocks.get(requestId);
  const waiting = useLanShare.getState().knocks.find((k) => k.requestId === requestId);
  useLanShare.setState((s) => ({ knocks: withoutKnock(s.knocks, requestId) }));
  if (!at || !knock || !waiting) return;
  at.knocks.delete(requestId);
  const { roles, signed } = useLanShare.getState();
  try {
    if (decision === 'refused') await knock.refuse();
    else {
      const session = openSession();
      if (!session || session.id !== at.incidentId || !roles.includes(decision)) throw new Error('this incident is no longer open here');
      const share = await shareIncident(session);
      await knock.admit(decision, inviteFor(share, useIncidents.getState().snapshot?.header?.name ?? waiting.incidentName, decision).code);
    }
  } catch (caught) {
    addNotice('error', `The answer could not be sent: ${messageOf(caught)}`);
    return;
  }
  try {
    commands.logEvent({ kind: 'note', text: decisionNote(waiting, decision, signed) });
  } catch {
    // An observer's machine, or an ended incident, logs nothing: the answer went out all the same.
  }
}
