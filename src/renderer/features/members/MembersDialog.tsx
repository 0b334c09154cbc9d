import { useState } from 'react';
import { Modal } from '../../components/Modal';
import { formatDateTime } from '../../components/format';
import { useIncidents } from '../../stores/incident';
import { useTrust } from '../../stores/trust';
import { useUi } from '../../stores/ui';
import { addNotice } from '../../stores/notices';
import { openSession } from '../../incidents/open-incident';
import { removeMember } from '../../../shared/trust/members';
import { fingerprint } from '../../../shared/trust/signatures';
import type { Member } from '../../../shared/trust/ledger';

/**
 * Who belongs to the incident: every admitted key, who admitted it, when
 * and from which machine, and whether it writes or only reads. A responder
 * removes a member here; what they wrote until then stands, anything they
 * sign afterwards is refused by every machine.
 */
export function MembersDialog() {
  const close = () => useUi.getState().openDialog(null);
  const name = useIncidents((s) => s.snapshot?.header?.name ?? '');
  const report = useTrust((s) => s.report);
  const myKey = useTrust((s) => s.myKey);
  const access = useTrust((s) => s.access);
  const [confirming, setConfirming] = useState<Member | null>(null);
  const members = report?.members ?? [];
  const nameOf = (key: string | null) => (key ? (members.find((m) => m.key === key)?.name ?? `key ${fingerprint(key)}`) : null);
  const sharedNames = new Set(members.map((m) => m.name).filter((n, i, all) => all.indexOf(n) !== i));

  async function remove(member: Member) {
    const session = openSession();
    setConfirming(null);
    if (!session?.sealer || !report) return;
    try {
      await removeMember(session.sealer, report, member.key);
      addNotice('info', `${member.name} was removed from ${name}: what they sign from now on is refused by every machine.`);
    } catch (error) {
      addNotice('error', `${member.name} could not be removed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <Modal title={`Members of ${name}`} onClose={close} wide>
      {!report || report.mode === 'unsigned' ? (
        <p className="muted">This incident was declared before Command Post signed entries: anyone holding it can write, and there is no list of members.</p>
      ) : (
        <>
          <p className="muted">
            Every entry is signed by its author’s key on their machine. Responders write; observers only read. A person on two machines is two
            members.
          </p>
          <ul className="members" aria-label="Members">
            {members.map((m) => (
              <li key={m.key} className={m.removed ? 'removed' : undefined}>
                <span className="who">
                  {m.name}
                  {m.key === myKey && <span className="muted"> (this machine)</span>}
                </span>
                <span className={`pill member-${m.removed ? 'removed' : m.role}`}>{m.removed ? 'Removed' : m.role === 'responder' ? 'Responder' : 'Observer'}</span>
                <span className="muted how">
                  {m.admittedBy ? `Admitted by ${nameOf(m.admittedBy)}` : 'Declared the incident'} · {formatDateTime(m.at)} · {m.machine} · key{' '}
                  <code>{fingerprint(m.key)}</code>
                </span>
                {m.names.length > 1 && <span className="muted">Also signed as {m.names.filter((n) => n !== m.name).join(', ')}</span>}
                {sharedNames.has(m.name) && !m.removed && <span className="warning-text">Another member uses the same name: check the key.</span>}
                {m.removed && (
                  <span className="muted">
                    Removed by {nameOf(m.removed.by)} · {formatDateTime(m.removed.at)}
                  </span>
                )}
                {access === 'responder' && !m.removed && m.key !== report.root && (
                  <button type="button" className="danger" onClick={() => setConfirming(m)} aria-label={`Remove ${m.name} (key ${fingerprint(m.key)})`}>
                    Remove…
                  </button>
                )}
              </li>
            ))}
          </ul>
          {confirming && (
            <div className="confirm" role="alertdialog" aria-labelledby="remove-question">
              <p id="remove-question">
                Remove {confirming.name} (key <code>{fingerprint(confirming.key)}</code>)? What they wrote stands; what they sign from now on is refused.
              </p>
              <div className="actions">
                <button type="button" onClick={() => setConfirming(null)}>
                  Keep
                </button>
                {/* Focus moves to the question's answer as it appears: Enter removes, Tab then Enter keeps. */}
                <button type="button" className="danger" autoFocus onClick={() => void remove(confirming)}>
                  Remove {confirming.name}
                </button>
              </div>
            </div>
          )}
          {report.refusedStatements.length > 0 && (
            <p className="notice warning">
              {report.refusedStatements.length} membership statement{report.refusedStatements.length === 1 ? ' does' : 's do'} not hold and
              {report.refusedStatements.length === 1 ? ' changes' : ' change'} nothing.
            </p>
          )}
        </>
      )}
      <div className="actions">
        <button type="button" data-autofocus onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}
