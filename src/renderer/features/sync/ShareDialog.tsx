import { useEffect, useState } from 'react';
import { Modal } from '../../components/Modal';
import type { ShareEntry } from '../../incidents/db';
import { useIncidents } from '../../stores/incident';
import { formatIceServers, parseIceServers } from '../../../shared/sync/ice';
import { isSignalingUrl } from '../../../shared/sync/invite';
import { useSync } from '../../stores/sync';
import { useUi } from '../../stores/ui';
import { InviteQr } from './InviteQr';
import { ShortCodeLine } from './ShortCodeLine';
import { PresenceList } from './PresenceList';
import { RelaySettings } from './RelaySettings';
import { OwnSignalingNote } from './OwnSignalingNote';
import { LanShareControls } from './LanShareControls';
import { FormError } from '../../components/FormError';
import { openSession } from '../../incidents/open-incident';
import { closeInvitation, inviteFor, setIceServers, setSignaling, setSyncPaused, shareIncident } from '../../incidents/sync/share';
import { addNotice } from '../../stores/notices';
import { exportOpenIncident } from '../../incidents/incident-files';
import { isSignedIncidentId, type MemberRole } from '../../../shared/trust/records';

/**
 * Sharing an incident: the invite others paste (or open as a link) to join.
 * It holds the room secret, so hand it only to responders.
 */
export function ShareDialog() {
  const close = () => useUi.getState().openDialog(null);
  const name = useIncidents((s) => s.snapshot?.header?.name ?? '');
  const [share, setShare] = useState<ShareEntry | null>(null);
  const [addresses, setAddresses] = useState('');
  const [ice, setIce] = useState('');
  const [error, setError] = useState<string | null>(null);
  const paused = useSync((s) => s.state?.status === 'paused');
  const [role, setRole] = useState<MemberRole>('responder');

  // The fields take their text from the share once it is read, and only then take typing: a keystroke landing
  // while the share arrives would otherwise be joined to the addresses it brings.
  useEffect(() => {
    const session = openSession();
    if (!session) return;
    shareIncident(session)
      .then((s) => {
        setShare((saved) => saved ?? s);
        setAddresses(s.signaling.join('\n'));
        setIce(formatIceServers(s.iceServers ?? []));
      })
      .catch((e) => setError(String(e)));
  }, []);

  // The live share also holds the signaling addresses learned from peers since.
  const liveShare = useSync((s) => s.share);
  const current = liveShare?.incidentId === share?.incidentId ? (liveShare ?? share) : share;
  const invitations = current?.invitations;
  const invite = current && name ? inviteFor(current, name, role) : null;

  async function saveAddresses() {
    const session = openSession();
    if (!session) return;
    const list = addresses
      .split(/\s+/)
      .map((a) => a.trim())
      .filter(Boolean);
    if (!list.length || list.some((a) => !isSignalingUrl(a))) {
      setError('List one or more signaling addresses such as ws://192.168.1.20:4444, one per line.');
      return;
    }
    setError(null);
    setShare(await setSignaling(session, list));
  }

  async function saveIce() {
    const session = openSession();
    if (!session) return;
    const parsed = parseIceServers(ice);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    setShare(await setIceServers(session, parsed.servers));
    addNotice('info', parsed.servers.length ? `Using ${parsed.servers.length} STUN/TURN server(s) for this incident.` : 'Using no STUN/TURN servers: LAN addresses only.');
  }

  async function closeInvite() {
    const session = openSession();
    if (!session) return;
    try {
      const next = await closeInvitation(session, role);
      if (next) setShare(next);
      addNotice('info', `The ${role} invite is closed: whoever it admitted stays, nobody else gets in with it. The invite shown now is a new one.`);
    } catch (error) {
      setError(`The invite could not be closed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      addNotice('info', `${what} copied.`);
    } catch {
      addNotice('warning', `Could not copy the ${what.toLowerCase()}: select it and copy it by hand.`);
    }
  }

  return (
    <Modal title={`Share ${name}`} onClose={close}>
      <div className="form">
        {invitations ? (
          <fieldset className="invite-role">
            <legend>Invite as</legend>
            <label>
              <input type="radio" name="invite-role" checked={role === 'responder'} onChange={() => setRole('responder')} />
              Responder: reads and writes
            </label>
            <label>
              <input type="radio" name="invite-role" checked={role === 'observer'} onChange={() => setRole('observer')} />
              Observer: reads only (an executive, a stakeholder)
            </label>
          </fieldset>
        ) : null}
        <p className="muted">
          {!invitations
            ? 'Anyone with this invite can read this incident'
            : role === 'responder'
              ? 'Anyone with this invite joins as a responder, admitted by you, and can write'
              : 'Anyone with this invite joins as an observer, admitted by you: they see everything and write nothing'}
          {!invitations && current?.incidentId && isSignedIncidentId(current.incidentId) ? '; only a responder can invite people who write' : ''}
          {!invitations && current?.incidentId && !isSignedIncidentId(current.incidentId) ? ' and write to it' : ''}. Peers connect directly;
          signaling only introduces them, and everything it carries is encrypted with the invite&apos;s secret.
        </p>
        {invite ? (
          <>
            {/* The short code is read out to responders in the room: it admits responders only. */}
            {role === 'responder' && <ShortCodeLine shortCode={invite.shortCode} loopbackOnly={invite.shortCodeLoopback} onCopy={(code) => void copy(code, 'Short code')} />}
            <label>
              Invite code
              <textarea readOnly rows={3} value={invite.code} data-autofocus onFocus={(e) => e.currentTarget.select()} />
            </label>
            <InviteQr link={invite.link} />
            <div className="actions">
              <button type="button" onClick={() => void copy(invite.code, 'Invite code')}>
                Copy code
              </button>
              <button type="button" onClick={() => void copy(invite.link, 'Invite link')}>
                Copy link
              </button>
              {invitations && (
                <button type="button" onClick={() => void closeInvite()} title="Whoever it admitted stays; nobody else gets in with it">
                  Close this invite
                </button>
              )}
            </div>
          </>
        ) : (
          <p className="muted">Preparing the invite…</p>
        )}
        {invitations && (
          <p className="muted">
            No network between you?{' '}
            <button type="button" className="link-button" onClick={() => void exportOpenIncident(true)}>
              Export a file for another responder
            </button>{' '}
            : whoever opens it can write, and their own file brings their entries back.
          </p>
        )}
        <LanShareControls incidentId={current?.incidentId ?? null} />
        <section aria-labelledby="presence-heading">
          <h3 id="presence-heading" className="form-heading">
            Who is here
          </h3>
          <PresenceList />
        </section>
        <OwnSignalingNote
          share={current}
          onShareChange={(next) => {
            setShare(next);
            setAddresses(next.signaling.join('\n'));
          }}
        />
        <label>
          Signaling addresses (one per line)
          <textarea
            rows={2}
            value={addresses}
            disabled={!share}
            onChange={(e) => setAddresses(e.target.value)}
            aria-describedby="signaling-hint"
          />
          <small id="signaling-hint">
            Command posts that can introduce peers. On a LAN, use this machine&apos;s address (start the signaling server
            with LAN access) so others can reach it.
          </small>
        </label>
        <label>
          STUN/TURN servers (optional, one per line)
          <textarea
            rows={2}
            value={ice}
            placeholder="None: on a LAN, peers connect directly"
            disabled={!share}
            onChange={(e) => setIce(e.target.value)}
            aria-describedby="ice-hint"
          />
          <small id="ice-hint">
            Only for networks with them, e.g. stun:stun.example.org:3478 or turn:user:password@turn.example.org:3478. Kept on
            this machine; not part of the invite.
          </small>
        </label>
        <FormError message={error} />
        {share ? <RelaySettings initial={share.relays ?? []} onSaved={setShare} /> : null}
        <div className="actions">
          <button
            type="button"
            onClick={() => setSyncPaused(!paused)}
            title="While paused, edits stay on this machine; they merge both ways when sync resumes"
          >
            {paused ? 'Resume sync' : 'Pause sync'}
          </button>
          <button type="button" disabled={!share} onClick={() => void saveAddresses()}>
            Use these addresses
          </button>
          <button type="button" disabled={!share} onClick={() => void saveIce()}>
            Use these servers
          </button>
          <button type="button" onClick={close}>
            Done
          </button>
        </div>
      </div>
    </Modal>
  );
}
