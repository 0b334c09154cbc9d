import { useState, type ReactNode } from 'react';
import { DialogForm } from '../../components/DialogForm';
import { FormError } from '../../components/FormError';
import { briefingProblem } from '../../../shared/incident/org-commands';
import type { ShiftDraft } from '../../incidents/shift-change';
import { IncidentLine } from './IncidentLine';
import { useFocusOn } from './useFocusOn';

/**
 * The briefings, one incident after another: each drafted from its incident
 * in ICS 201 order, edited here, with what will be done there. Ctrl+Enter
 * goes to the next; on the last it offers them all. Incidents that cannot be
 * handed over are listed above with the reason and left out.
 */
export function BriefingStep({
  incoming,
  drafts,
  texts,
  onEdit,
  onBack,
  onCancel,
  onOffer,
}: {
  incoming: string;
  drafts: readonly ShiftDraft[];
  texts: readonly string[];
  onEdit: (index: number, text: string) => void;
  onBack: () => void;
  onCancel: () => void;
  onOffer: () => void;
}) {
  const ready = drafts.flatMap((draft, index) => (draft.plan.ok ? [{ draft, index }] : []));
  const refused = drafts.filter((d) => !d.plan.ok);
  const [at, setAt] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const field = useFocusOn<HTMLTextAreaElement>(at);
  const current = ready[at];
  const last = at === ready.length - 1;

  const refusedList = refused.length > 0 && (
    <div className="notice warning shift-refused" role="group" aria-label="Not handed over">
      <span>
        Not handed over:
        <ul>
          {refused.map(({ plan }) => (
            <li key={plan.incidentId}>
              <strong>{plan.name}</strong>: {plan.ok ? '' : plan.reason}
            </li>
          ))}
        </ul>
      </span>
    </div>
  );

  if (!current) return <NothingToHandOver refusedList={refusedList} onBack={onBack} onCancel={onCancel} />;
  const { plan, line } = current.draft;
  const checkIn = plan.ok && plan.checkIn;
  return (
    <DialogForm
      onSubmit={() => {
        const unfit = briefingProblem(texts[current.index] ?? '');
        if (unfit) return setError(`${plan.name}: ${unfit}`);
        setError(null);
        if (last) onOffer();
        else setAt(at + 1);
      }}
    >
      {refusedList}
      {ready.length > 1 && (
        <ol className="shift-steps" aria-label="Briefings">
          {ready.map(({ draft }, i) => (
            <li key={draft.plan.incidentId}>
              <button type="button" className="link-button" aria-current={i === at ? 'step' : undefined} onClick={() => {
                  setError(null);
                  setAt(i);
                }}>
                {i + 1}. {draft.plan.name}
              </button>
            </li>
          ))}
        </ol>
      )}
      <h3 className="shift-step-head">
        Briefing {at + 1} of {ready.length}: <IncidentLine name={plan.name} line={line} />
      </h3>
      <p className="muted">
        {checkIn === 'new'
          ? `${incoming} has not checked in to ${plan.name}: they are checked in first, then offered command.`
          : checkIn === 'again'
            ? `${incoming} was released from ${plan.name}: they are checked in again, then offered command.`
            : `${incoming} is on duty in ${plan.name}: they are offered command.`}
      </p>
      <label>
        Briefing for {plan.name} <small>drafted from the incident; edit it. Ctrl+Enter: {last ? 'offer every handover' : 'the next briefing'}.</small>
        <textarea ref={field} className="briefing" rows={12} value={texts[current.index]} onChange={(e) => onEdit(current.index, e.target.value)} />
      </label>
      {texts[current.index] !== current.draft.briefing && (
        <button type="button" className="link-button" onClick={() => onEdit(current.index, current.draft.briefing)}>
          Draft it again from the incident
        </button>
      )}
      <FormError message={error} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          onClick={() => {
            setError(null);
            if (at) setAt(at - 1);
            else onBack();
          }}
        >
          Back
        </button>
        <button type="submit" className="primary">
          {last ? `Offer ${ready.length === 1 ? 'the handover' : `all ${ready.length} handovers`}` : 'Next briefing'}
        </button>
      </div>
    </DialogForm>
  );
}

function NothingToHandOver({ refusedList, onBack, onCancel }: { refusedList: ReactNode; onBack: () => void; onCancel: () => void }) {
  const close = useFocusOn<HTMLButtonElement>('nothing');
  return (
    <div className="form">
      {refusedList}
      <div className="actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="button" className="primary" ref={close} onClick={onCancel}>
          Close
        </button>
      </div>
    </div>
  );
}
