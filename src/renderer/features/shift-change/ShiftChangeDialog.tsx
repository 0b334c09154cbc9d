import { useMemo, useState } from 'react';
import { incidentsCommandedBy, type ShiftOutcome } from '../../../shared/views/shift-change';
import { Modal } from '../../components/Modal';
import { incidentNow } from '../../incidents/clock';
import { useIdentity } from '../../incidents/identity-store';
import { sessions } from '../../incidents/registry';
import { draftShift, offerShift, type ShiftDraft } from '../../incidents/shift-change';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { activeOrder } from '../incident-list/list-query';
import { BriefingStep } from './BriefingStep';
import { ChooseStep, type Chosen } from './ChooseStep';
import { OutcomeStep } from './OutcomeStep';
import { shiftContext } from './context';
import { useFocusOn } from './useFocusOn';
import './shift-change.css';

type Step =
  | { readonly step: 'choose' }
  | { readonly step: 'working'; readonly what: string }
  | { readonly step: 'briefings'; readonly drafts: readonly ShiftDraft[] }
  | { readonly step: 'done'; readonly outcomes: readonly ShiftOutcome[] };

/**
 * Shift change: the outgoing IC hands every incident they command to one
 * incoming IC in one flow. Pick the incidents and the person, edit one
 * ICS 201 briefing per incident, offer them all; the outcome lists each
 * incident with what was done or why not. Each offer is the org chart's own
 * handover, logged in its incident's timeline.
 */
export function ShiftChangeDialog() {
  const close = () => useUi.getState().openDialog(null);
  const me = useIdentity((s) => s.name);
  const catalog = useIncidents((s) => s.catalog);
  // Read when the dialog opens: a row changing under the checkboxes would move them.
  const [mine] = useState(() => incidentsCommandedBy(catalog ?? [], me).sort(activeOrder));
  const [step, setStep] = useState<Step>({ step: 'choose' });
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [texts, setTexts] = useState<string[]>([]);

  async function draft(next: Chosen) {
    setChosen(next);
    setStep({ step: 'working', what: `Drafting ${next.ids.length === 1 ? 'the briefing' : `${next.ids.length} briefings`} from the incidents…` });
    const drafts = await draftShift(sessions, next.ids, { me, incoming: next.incoming }, incidentNow());
    setTexts(drafts.map((d) => d.briefing));
    setStep({ step: 'briefings', drafts });
  }

  async function offer(drafts: readonly ShiftDraft[]) {
    if (!chosen) return;
    setStep({ step: 'working', what: 'Offering the handovers…' });
    const items = drafts.flatMap((d, i) => (d.plan.ok ? [{ incidentId: d.plan.incidentId, briefing: texts[i] ?? '' }] : []));
    const outcomes = await offerShift(sessions, items, { me, incoming: chosen.incoming }, shiftContext());
    // The incidents refused before the offer are in the outcome too, with their reasons, in the order they were listed.
    const offered = new Map(outcomes.map((o) => [o.incidentId, o]));
    setStep({ step: 'done', outcomes: drafts.map((d): ShiftOutcome => (d.plan.ok ? offered.get(d.plan.incidentId)! : d.plan)) });
  }

  const title = useMemo(() => (chosen && step.step !== 'choose' ? `Hand over to ${chosen.incoming}` : 'Hand over my incidents'), [chosen, step.step]);
  return (
    <Modal title={title} onClose={step.step === 'working' ? () => undefined : close} wide>
      {step.step === 'choose' && <ChooseStep me={me} mine={mine} initial={chosen} onCancel={close} onNext={(next) => void draft(next)} />}
      {step.step === 'working' && <Working what={step.what} />}
      {step.step === 'briefings' && chosen && (
        <BriefingStep
          incoming={chosen.incoming}
          drafts={step.drafts}
          texts={texts}
          onEdit={(index, text) => setTexts((all) => all.map((t, i) => (i === index ? text : t)))}
          onBack={() => setStep({ step: 'choose' })}
          onCancel={close}
          onOffer={() => void offer(step.drafts)}
        />
      )}
      {step.step === 'done' && chosen && <OutcomeStep incoming={chosen.incoming} outcomes={step.outcomes} onClose={close} />}
    </Modal>
  );
}

/** While incidents are opened or written: focus stays in the dialog (on this line), so no key reaches the list behind it. */
function Working({ what }: { what: string }) {
  const line = useFocusOn<HTMLParagraphElement>(what);
  return (
    <p ref={line} tabIndex={-1} role="status" className="muted">
      {what}
    </p>
  );
}
