/**
 * Sharing the open incident with peers: the share (secret, signaling
 * addresses and relays, kept on this machine) and the live connection. Runs
 * while the incident is open, and pushes the connection's state into the
 * sync store (src/renderer/stores/sync.ts) for the sync indicator.
 */
import { decodeInvite, encodeInvite, inviteLink, secretFromBytes, SECRET_BYTES, type Invite } from '../../../shared/sync/invite';
import type { IceServer } from '../../../shared/sync/ice';
import { MAX_RELAYS } from '../../../shared/sync/relays';
import { decodeShortCode, encodeShortCode, looksLikeShortCode, pickShortCodeAddress, shortKeyFromBytes } from '../../../shared/sync/short-code';
import { projectionOf } from '../../../shared/incident';
import { machineName } from '../machine';
import { host } from '../../host';
import { useEditors, useSync } from '../../stores/sync';
import { db } from '..';
import type { ShareEntry } from '../db';
import type { IncidentSession } from '../sessions';
import { setClockCorrection } from '../clock';
import { useIdentity } from '../identity-store';
import { IncidentSync, type EditingPresence } from './connection';
import { askForInvite, InviteResponder } from './rendezvous';
import { keepIncidentsDurable } from '../durable-storage';
import { acceptInvitation, createInvitation, invitationHash, invitationRole, signObserverAdmission } from '../../../shared/trust/invites';
import { revokeInvite } from '../../../shared/trust/members';
import { SyncGuard, type RefusedSender } from '../../../shared/trust/guard';
import type { MemberRole, Statement } from '../../../shared/trust/records';
import { addNotice } from '../../stores/notices';

let live: { incidentId: string; sync: IncidentSync | null; off: () => void } | null = null;

/** This window only watches the incident (the observer's status view): its peers see it as watching, and its clock does not count. */
let watching = false;

/** Tells the peers where this responder is typing in the status document (null: nowhere). */
export function announceEditing(editing: EditingPresence | null): void {
  live?.sync?.setEditing(editing);
}

/**
 * The signaling servers this machine offers to others: its own, at the
 * addresses other machines can use when it is open to the network (the host
 * knows: see Host.signalingToOffer).
 */
export function defaultSignaling(): Promise<string[]> {
  return host.signalingToOffer();
}

/** The most signaling addresses a share keeps: the first ones (its own) and the newest learned. */
const MAX_SIGNALING = 8;

/**
 * Changes to shares, one after the other: each reads the share the one
 * before it wrote. Two at once could each find no share and make one with a
 * secret of its own (the dialog opening while an address is saved), so the
 * invite shown would not be the one running; or one could put back a field
 * the other had just changed.
 */
let shareChanges: Promise<unknown> = Promise.resolve();
function inTurn<T>(change: () => Promise<T>): Promise<T> {
  const done = shareChanges.then(change, change);
  shareChanges = done.catch(() => {});
  return done;
}

/**
 * Remembers signaling addresses peers advertise. The running connection
 * keeps its servers (changing them would drop every peer); invites made
 * from now on, and the next start, use them all.
 */
function learnSignaling(incidentId: string, urls: string[]): Promise<void> {
  return inTurn(async () => {
    const share = await db.shares.get(incidentId);
    if (!share) return;
    const merged = [...new Set([...share.signaling, ...urls])];
    const signaling = merged.length > MAX_SIGNALING ? [...merged.slice(0, 2), ...merged.slice(-(MAX_SIGNALING - 2))] : merged;
    if (signaling.length === share.signaling.length && signaling.every((u, i) => u === share.signaling[i])) return;
    const next = { ...share, signaling };
    await db.shares.put(next);
    if (useSync.getState().incidentId === incidentId) useSync.setState({ share: next });
  });
}

/**
 * Remembers relays peers advertise, up to MAX_RELAYS (those listed first
 * stay), and syncs through them at once: if the relay this machine uses
 * goes down, it is already on the others. Invites made from now on list
 * them too.
 */
function learnRelays(session: IncidentSession, urls: string[]): Promise<unknown> {
  return inTurn(async () => {
    const share = await db.shares.get(session.id);
    if (!share) return;
    const known = share.relays ?? [];
    const relays = [...new Set([...known, ...urls])].slice(0, MAX_RELAYS);
    if (relays.length === known.length) return;
    const next = { ...share, relays };
    await db.shares.put(next);
    if (live?.incidentId !== session.id || !live.sync) return;
    live.sync.setRelays(relays);
    useSync.setState({ share: next });
  });
}

function start(session: IncidentSession, share: ShareEntry): void {
  live?.off();
  // Whoever holds the short code's key answers it, with an invite as of now.
  const responder = share.shortKey
    ? new InviteResponder(share.signaling, share.shortKey, () => {
        const current = useSync.getState().share ?? share;
        // The short code is read out to responders in the room.
        return encodeInvite(inviteOf(current, projectionOf(session.doc).snapshot.header?.name, 'responder'));
      })
    : null;
  const guard = session.trust
    ? new SyncGuard({
        doc: session.doc,
        sealer: session.sealer,
        gate: session.trust,
        ownStatements: () => share.observerAdmission ?? [],
        onRefused: (sender) => addNotice('warning', refusedSenderText(sender)),
      })
    : null;
  const sync = new IncidentSync(session.doc, share, {
    me: useIdentity.getState().name || 'Someone',
    watching,
    onLearnSignaling: (urls) => void learnSignaling(session.id, urls),
    onLearnRelays: (urls) => void learnRelays(session, urls),
    paused: pausedIncidents.has(session.id),
    guard,
  });
  const unsubscribe = sync.subscribe((state) => {
    setClockCorrection(state.clockCorrection);
    useSync.setState({ state });
  });
  const offEditors = sync.subscribeEditors((editors) => useEditors.setState({ editors }));
  // Someone who joins gives their name after the incident arrives.
  const offName = useIdentity.subscribe((identity, previous) => {
    if (identity.name !== previous.name) sync.setName(identity.name || 'Someone');
  });
  live = {
    incidentId: session.id,
    sync,
    off: () => {
      unsubscribe();
      offEditors();
      useEditors.setState({ editors: [] });
      offName();
      responder?.destroy();
      sync.destroy();
    },
  };
  setClockCorrection(sync.state.clockCorrection);
  useSync.setState({ incidentId: session.id, share, state: sync.state });
  if (share.admission) admitWhenNamed(session, share, () => live?.sync !== sync);
}

const REFUSED_SENDER: Record<RefusedSender['reason'], string> = {
  unsigned: 'An unsigned change from a peer',
  'bad-signature': 'A change whose signature does not hold',
  'not-a-member': 'A change from someone who is not a member',
  observer: 'A change from an observer',
  removed: 'A change from a removed member',
};

function refusedSenderText(sender: RefusedSender): string {
  return `${REFUSED_SENDER[sender.reason]}${sender.name ? ` (${sender.name})` : ''} was refused: nothing of it reached this machine’s copy.`;
}

/**
 * Signs this machine in with the admission its invite brought, once the
 * person here has given a name (someone who joins gives it after the
 * incident arrives), then forgets the admission.
 */
function admitWhenNamed(session: IncidentSession, share: ShareEntry, stopped: () => boolean): void {
  const sealer = session.sealer;
  const admission = share.admission;
  if (!sealer || !admission) return;
  const admit = async (name: string) => {
    if (stopped()) return;
    const members = (await session.trust?.checked())?.members ?? [];
    const admitted = members.some((m) => m.key === sealer.key);
    try {
      if (!admitted && invitationRole(admission) === 'observer') {
        // An observer writes nothing: its admission travels in its envelopes until a responder writes it.
        share.observerAdmission ??= await signObserverAdmission(session.doc, sealer, admission, name, await machineName());
        await inTurn(async () => {
          const stored = await db.shares.get(session.id);
          if (stored) await db.shares.put({ ...stored, observerAdmission: share.observerAdmission });
        });
        live?.sync?.exchange();
        return;
      }
      if (!admitted) await acceptInvitation(session.doc, sealer, admission, name, await machineName());
      await inTurn(async () => {
        const stored = await db.shares.get(session.id);
        if (stored?.admission) await db.shares.put({ ...stored, admission: undefined, observerAdmission: undefined });
      });
    } catch (error) {
      addNotice('error', `This machine could not sign itself in to the incident (${error instanceof Error ? error.message : String(error)}): what you write here will not be accepted by the others. Ask for a new invite.`);
    }
  };
  const name = useIdentity.getState().name;
  if (name) return void admit(name);
  const off = useIdentity.subscribe((identity) => {
    if (!identity.name) return;
    off();
    void admit(identity.name);
  });
}


/** Called when an incident is opened: resumes sharing if this machine shares it. */
export async function resumeSync(session: IncidentSession, options: { watching?: boolean } = {}): Promise<void> {
  watching = options.watching ?? false;
  const share = await db.shares.get(session.id);
  if (share) start(session, share);
  else {
    setClockCorrection(0);
    useSync.setState({ incidentId: session.id, share: null, state: null });
  }
}

/**
 * Incidents whose sync the user paused: they stay paused when closed and
 * opened again (or when the connection is remade for new addresses) until
 * the user resumes, for as long as this page lives.
 */
const pausedIncidents = new Set<string>();

/** Takes this machine out of sync (or back in): edits made meanwhile merge when it resumes. */
export function setSyncPaused(paused: boolean): void {
  if (!live?.sync) return;
  if (paused) {
    pausedIncidents.add(live.incidentId);
    live.sync.pause();
  } else {
    pausedIncidents.delete(live.incidentId);
    live.sync.resume();
  }
}

/** Drops every connection of the open incident and makes them again (each starts with a full exchange). */
export function reconnectSync(): void {
  live?.sync?.reconnect();
}

/** Called when the incident is closed. */
export function stopSync(): void {
  live?.off();
  live = null;
  // Another incident may be shared with other people, whose clocks say otherwise.
  setClockCorrection(0);
  useSync.setState({ incidentId: null, share: null, state: null });
}

/** Starts sharing the open incident (or returns its existing share). */
export function shareIncident(session: IncidentSession): Promise<ShareEntry> {
  return inTurn(() => currentShare(session));
}

async function currentShare(session: IncidentSession): Promise<ShareEntry> {
  const existing = await db.shares.get(session.id);
  if (existing?.shortKey) return withInvitations(session, existing);
  // Shares made before short codes get their key the first time they are shown.
  const share: ShareEntry = existing
    ? { ...existing, shortKey: newShortKey() }
    : {
        incidentId: session.id,
        secret: secretFromBytes(crypto.getRandomValues(new Uint8Array(SECRET_BYTES))),
        signaling: await defaultSignaling(),
        shortKey: newShortKey(),
        sharedAt: Date.now(),
      };
  await db.shares.put(share);
  start(session, share);
  return withInvitations(session, share);
}

/**
 * A responder's share carries an invitation per role, made once and kept:
 * everyone invited through it is listed as admitted by this machine's key.
 * An observer (or a machine that cannot sign) shares the room alone: whoever
 * joins through it reads, and writes nothing the others accept.
 */
async function withInvitations(session: IncidentSession, share: ShareEntry): Promise<ShareEntry> {
  const sealer = session.sealer;
  const me = sealer && (await session.trust?.checked())?.members.find((m) => m.key === sealer.key);
  if (!sealer || me?.role !== 'responder' || me.removed) return share;
  if (share.invitations?.responder && share.invitations.observer) return share;
  const invitations = {
    responder: share.invitations?.responder ?? (await createInvitation(sealer, 'responder')),
    observer: share.invitations?.observer ?? (await createInvitation(sealer, 'observer')),
  };
  const next = { ...share, invitations };
  await db.shares.put(next);
  if (useSync.getState().incidentId === session.id) useSync.setState({ share: next });
  return next;
}

/**
 * Changes the incident's share, in turn, and stores it. The running
 * connection takes the change in place when `inPlace` can apply it there
 * (and says so); otherwise it restarts with the changed share.
 */
function changeShare(
  session: IncidentSession,
  change: Partial<ShareEntry>,
  inPlace: (sync: IncidentSync, previous: ShareEntry) => boolean = () => false,
): Promise<ShareEntry> {
  return inTurn(async () => {
    const previous = await currentShare(session);
    const share = { ...previous, ...change };
    await db.shares.put(share);
    const running = live?.incidentId === session.id ? live.sync : null;
    if (running && inPlace(running, previous)) useSync.setState({ share });
    else start(session, share);
    return share;
  });
}

/**
 * Changes which signaling addresses the invite lists and this machine uses.
 * Added addresses join the running connection; removing one restarts it.
 */
export function setSignaling(session: IncidentSession, signaling: string[]): Promise<ShareEntry> {
  return changeShare(session, { signaling }, (sync, previous) => {
    if (!previous.signaling.every((url) => signaling.includes(url))) return false;
    sync.addSignaling(signaling);
    return true;
  });
}

/**
 * Syncs this incident through these relays too (none: WebRTC only). They go
 * into invites made from now on; WebRTC peers stay connected.
 */
export function setRelays(session: IncidentSession, relays: string[]): Promise<ShareEntry> {
  return changeShare(session, { relays }, (sync) => {
    sync.setRelays(relays);
    return true;
  });
}

/** Uses STUN/TURN servers for this incident (restarts the connection: rare, and deliberate). */
export function setIceServers(session: IncidentSession, iceServers: IceServer[]): Promise<ShareEntry> {
  return changeShare(session, { iceServers });
}

/**
 * Closes this machine's invite for a role (it was seen by someone it should
 * not have been): whoever it admitted stays, nobody else gets in with it,
 * and invites shown from now on carry a new one.
 */
export function closeInvitation(session: IncidentSession, role: MemberRole): Promise<ShareEntry | null> {
  return inTurn(async () => {
    const share = await db.shares.get(session.id);
    const invitation = share?.invitations?.[role];
    if (!share || !invitation || !session.sealer || !session.trust) return share ?? null;
    await revokeInvite(session.sealer, await session.trust.checked(), invitationHash(session.id, invitation.statement));
    const invitations = { ...share.invitations };
    delete invitations[role];
    return withInvitations(session, { ...share, invitations });
  });
}

function newShortKey(): string {
  return shortKeyFromBytes(crypto.getRandomValues(new Uint8Array(8)));
}

function inviteOf(share: ShareEntry, name: string | undefined, role: MemberRole): Invite {
  const admission = share.invitations?.[role];
  return {
    incidentId: share.incidentId,
    name: name || 'Shared incident',
    secret: share.secret,
    signaling: share.signaling,
    shortKey: share.shortKey,
    relays: share.relays,
    ...(admission ? { admission: { statement: { ...admission.statement }, secret: admission.secret } } : {}),
  };
}

/**
 * The ways to hand the invite over: the code and a link (to paste or scan),
 * and the short code to read out, when a signaling address can carry one.
 */
export function inviteFor(share: ShareEntry, name: string, role: MemberRole = 'responder'): { code: string; link: string; shortCode: string | null; shortCodeLoopback: boolean } {
  const code = encodeInvite(inviteOf(share, name, role));
  const address = pickShortCodeAddress(share.signaling);
  const shortCode = address && share.shortKey ? encodeShortCode({ ...address, key: share.shortKey }) : null;
  return { code, link: inviteLink(location.href, code), shortCode, shortCodeLoopback: !!address?.host.startsWith('127.') };
}

/**
 * Accepts an invite: remembers the share and returns the incident to open.
 * Joining an incident this machine already has merges, as any sync does.
 */
export async function acceptInvite(pasted: string): Promise<{ ok: true; invite: Invite } | { ok: false; message: string }> {
  const decoded = looksLikeShortCode(pasted) ? await inviteFromShortCode(pasted) : decodeInvite(pasted);
  if (!decoded.ok) return decoded;
  const { invite } = decoded;
  await db.shares.put({
    incidentId: invite.incidentId,
    secret: invite.secret,
    signaling: invite.signaling,
    shortKey: invite.shortKey,
    relays: invite.relays ?? [],
    name: invite.name,
    ...(invite.admission ? { admission: { statement: invite.admission.statement as unknown as Statement, secret: invite.admission.secret } } : {}),
    sharedAt: Date.now(),
  });
  if (live?.incidentId === invite.incidentId) stopSync();
  void keepIncidentsDurable();
  return decoded;
}

/**
 * Accepts the invite a command post on this network sent after its IC
 * admitted this machine (lan-knock.ts). The invite of a signed incident
 * carries the admission for one role, signed there; the role the sealed
 * answer names must be that one, or the answer is not used: a host that
 * says "observer" must not hand over a responder's admission.
 */
export async function acceptKnockInvite(invite: string, role: MemberRole): Promise<{ ok: true; invite: Invite } | { ok: false; message: string }> {
  const decoded = decodeInvite(invite);
  if (!decoded.ok) return { ok: false, message: `The command post answered with an invite this version cannot read: ${decoded.message}` };
  const admission = decoded.invite.admission;
  const granted = admission ? invitationRole({ statement: admission.statement as unknown as Statement, secret: admission.secret }) : role;
  if (granted !== role) return { ok: false, message: `The command post said it let you in as ${anRole(role)}, but its invite is for ${anRole(granted)}. Nothing was joined: ask again.` };
  return acceptInvite(invite);
}

function anRole(role: MemberRole): string {
  return role === 'observer' ? 'an observer' : 'a responder';
}

/** A short code read out by the IC: ask the command post it names for the full invite. */
async function inviteFromShortCode(text: string): Promise<{ ok: true; invite: Invite } | { ok: false; message: string }> {
  const short = decodeShortCode(text);
  if (!short.ok) return short;
  const answer = await askForInvite(short.code);
  if (!answer.ok) return answer;
  const decoded = decodeInvite(answer.invite);
  return decoded.ok ? decoded : { ok: false, message: `The command post answered with an invite this version cannot read: ${decoded.message}` };
}
