import { useEffect, useState } from 'react';
import { samePerson } from '../../../shared/views/shift-change';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { formatTime } from '../../components/format';
import { useIdentity } from '../../incidents/identity-store';
import { sessions } from '../../incidents/registry';
import { acceptShiftHandover, handoversOfferedTo, type OfferedHandover } from '../../incidents/shift-change';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { activeOrder } from '../incident-list/list-query';
import { IncidentLine } from './IncidentLine';
import { shiftContext } from './context';
import { useFocusOn } from './useFocusOn';
import { DoneFooter } from './DoneFooter';
import './shift-change.css';

type Settled = { readonly ok: true; readonly announcement: string } | { readonly ok: false; readonly reason: string } | { readonly skipped: true };

/**
 * The incoming IC takes command of every incident handed to them, one
 * briefing after another: each is shown in full, read-only, with
 * "Acknowledge and take command" under it (the org chart's own acceptance,
 * logged in that incident's timeline). The end lists what to announce in
 * each incident, and anything not taken with the reason.
 */
export function AcknowledgeShiftDialog() {
  const close = () => useUi.getState().openDialog(null);
  const me = useIdentity((s) => s.name);
  const [offered, setOffered] = useState<readonly OfferedHandover[] | null>(null);
  const [settled, setSettled] = useState<ReadonlyMap<string, Settled>>(new Map());
  const [at, setAt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // The rows say where a handover to me waits; each incident's document says whether it still does.
    const ids = (useIncidents.getState().catalog ?? []).filter((e) => e.state === 'active' && e.icHandoverTo && samePerson(e.icHandoverTo, me))
      .sort(activeOrder)
      .map((e) => e.id);
    let live = true;
    void handoversOfferedTo(sessions, ids, me).then((found) => live && setOffered(found));
    return () => {
      live = false;
    };
  }, [me]);

  const current = offered?.[at];
  const title = offered && offered.length > 1 ? `${offered.length} handovers offered to ${me}` : `Handover offered to ${me}`;
  // The same wide Modal in every step, so React keeps the one <dialog> (and its focus trap) throughout.
  if (!offered) return <Modal title={title} onClose={close} wide><Loading /></Modal>;
  if (!current) return <Modal title={title} onClose={close} wide><Summary offered={offered} settled={settled} onClose={close} /></Modal>;

  async function acknowledge(item: OfferedHandover) {
    setBusy(true);
    const result = await acceptShiftHandover(sessions, item.incidentId, item.handover.id, shiftContext());
    setBusy(false);
    if (!result.ok) return setError(result.reason);
    setError(null);
    setSettled((s) => new Map(s).set(item.incidentId, result));
    setAt(at + 1);
  }
  function skip(item: OfferedHandover) {
    setError(null);
    setSettled((s) => new Map(s).set(item.incidentId, { skipped: true }));
    setAt(at + 1);
  }

  return (
    <Modal title={title} onClose={close} wide>
      <Briefing key={current.incidentId} item={current} index={at} total={offered.length} me={me} busy={busy} error={error} onAcknowledge={() => void acknowledge(current)} onSkip={() => skip(current)} onClose={close} />
    </Modal>
  );
}

function Briefing({ item, index, total, me, busy, error, onAcknowledge, onSkip, onClose }: { item: OfferedHandover; index: number; total: number; me: string; busy: boolean; error: string | null; onAcknowledge: () => void; onSkip: () => void; onClose: () => void }) {
  // The next keystroke acknowledges (Enter) or moves back to read (Shift+Tab reaches the briefing, which the arrows scroll).
  const button = useFocusOn<HTMLButtonElement>(item.incidentId);
  return (
    <div className="form">
      <h3 className="shift-step-head">
        {total > 1 ? `${index + 1} of ${total}: ` : ''}
        <IncidentLine name={item.name} line={item.line} />
      </h3>
      <p>
        {item.fromName} offered you command of {item.name} at {formatTime(item.handover.offeredAt)}. Read the briefing, ask what is unclear, then take command.
      </p>
      <pre className="briefing-text" tabIndex={0} aria-label={`Briefing for ${item.name}`}>
        {item.handover.briefing}
      </pre>
      {item.readOnly && <p className="notice warning"><span>{item.readOnly}</span></p>}
      <FormError message={error} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Not now
        </button>
        {total > 1 && (
          <button type="button" onClick={onSkip}>
            {index + 1 < total ? 'Skip to the next' : 'Skip'}
          </button>
        )}
        <button type="button" className="primary" ref={button} disabled={busy || !!item.readOnly} onClick={onAcknowledge}>
          {busy ? 'Taking command…' : `Acknowledge and take command, ${me}`}
        </button>
      </div>
    </div>
  );
}

function Loading() {
  const line = useFocusOn<HTMLParagraphElement>('loading');
  return (
    <p ref={line} tabIndex={-1} role="status" className="muted">
      Reading the briefings…
    </p>
  );
}

/** The end: what to read out in each incident now commanded, and what was left. */
function Summary({ offered, settled, onClose }: { offered: readonly OfferedHandover[]; settled: ReadonlyMap<string, Settled>; onClose: () => void }) {
  const taken = offered.filter((o) => { const s = settled.get(o.incidentId); return s && 'ok' in s && s.ok; });
  const left = offered.filter((o) => !taken.includes(o));
  // One announcement per wording (the same person takes each incident), with the incidents to read it out in.
  const announcements = new Map<string, string[]>();
  for (const o of taken) {
    const s = settled.get(o.incidentId);
    const text = s && 'ok' in s && s.ok ? s.announcement : '';
    announcements.set(text, [...(announcements.get(text) ?? []), o.name]);
  }
  return (
    <div className="form">
      {offered.length === 0 ? (
        <p role="status">No handover of command is waiting for you: it was acknowledged or cancelled meanwhile.</p>
      ) : (
        <p role="status">
          {taken.length ? `You command ${taken.length === 1 ? taken[0]!.name : `${taken.length} incidents`} now; each handover is in its timeline.` : 'You took command of none of them.'}{' '}
          {left.length > 0 && `Still waiting for you: ${left.map((o) => o.name).join(', ')}.`}
        </p>
      )}
      {[...announcements].map(([text, names]) => (
        <div key={text}>
          <p className="muted">Read out on the call of {names.join(', ')}, and post it where their responders are:</p>
          <p className="announcement">{text}</p>
        </div>
      ))}
      <DoneFooter step={'summary'} onClose={onClose} />
    </div>
  );
}
