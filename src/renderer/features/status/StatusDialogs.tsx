import { useMemo, useRef, useState } from 'react';
import {
  UPDATE_AUDIENCE_LABELS,
  UPDATE_TEMPLATE_LABELS,
  type IncidentSnapshot,
  type UpdateAudience,
  type UpdateEvent,
  type UpdateTemplate,
} from '../../../shared/incident';
import type { StatusDocumentView } from '../../../shared/views/status-document';
import { assembleCan, draftCan, type CanParts } from '../../../shared/report/can';
import { lintUpdate, responderNames } from '../../../shared/report/plain-language';
import { draftUpdate, suggestedTemplate, type DraftContext } from '../../../shared/report/updates';
import { Modal } from '../../components/Modal';
import { zoneName } from '../../components/format';
import { incidentNow } from '../../incidents/clock';
import { useStatusUi } from '../../stores/status-ui';
import { useRefusal } from '../../components/useRefusal';
import { DialogForm } from '../../components/DialogForm';
import { CopyButtons } from '../../components/CopyButtons';
import { GlossaryDialog } from './GlossaryDialog';
import { StatuspageDialog } from './StatuspageDialog';
import { SendFooter } from './SendFooter';
import { commands } from '../../incidents/commands';
import { addNotice } from '../../stores/notices';

type StageTemplate = Exclude<UpdateTemplate, 'can'>;
const STAGES: readonly StageTemplate[] = ['first', 'scoping', 'update', 'resolution'];

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
/** A time as a message says it: "14:35 UTC". */
export const messageTime = (at: number) => `${clockFormat.format(at)} ${zoneName(at)}`;

/** The Status tab's open dialog, if any; a composer only while this machine may send (see StatusView's canSend). */
export function StatusDialogs({ view, snapshot, sent, canSend }: { view: StatusDocumentView; snapshot: IncidentSnapshot; sent: readonly UpdateEvent[]; canSend: boolean }) {
  const dialog = useStatusUi((s) => s.dialog);
  if (dialog === 'update' && canSend) return <UpdateComposer view={view} snapshot={snapshot} sent={sent} />;
  if (dialog === 'can' && canSend) return <CanComposer view={view} snapshot={snapshot} />;
  if (dialog === 'glossary') return <GlossaryDialog />;
  if (dialog === 'statuspage') return <StatuspageDialog view={view} snapshot={snapshot} />;
  return null;
}

const close = () => useStatusUi.getState().close();

/** The audience chosen last, so the Comms Lead sending external updates does not switch every time. */
let lastAudience: UpdateAudience = 'internal';

function minutesOf(text: string): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) ? n : Number.NaN;
}

/**
 * A stakeholder update: the audience, the stage (first message, scope,
 * update, resolution), when the next one comes, and the text, drafted from
 * the document and edited here, with the plain-language lint's warnings
 * beside it. Copy it as text or Markdown to wherever it goes, then record
 * it as sent: that logs it and restarts the update timer.
 */
function UpdateComposer({ view, snapshot, sent }: { view: StatusDocumentView; snapshot: IncidentSnapshot; sent: readonly UpdateEvent[] }) {
  const glossary = useStatusUi((s) => s.glossary);
  const [audience, setAudience] = useState<UpdateAudience>(lastAudience);
  const [template, setTemplate] = useState<StageTemplate>(() => suggestedTemplate(view, sent.filter((u) => u.audience === lastAudience).map((u) => u.template)));
  const [minutes, setMinutes] = useState(String(view.cadenceMinutes));
  const [noneNext, setNoneNext] = useState(template === 'resolution');
  const [edited, setEdited] = useState(false);
  const { refusal, tryCommand } = useRefusal();
  const area = useRef<HTMLTextAreaElement>(null);
  const nextMinutes = noneNext ? null : minutesOf(minutes);
  const draft = (a: UpdateAudience, t: StageTemplate, next: number | null) =>
    draftUpdate(a, t, view, { time: messageTime, now: incidentNow(), nextUpdateMinutes: next !== null && Number.isFinite(next) ? next : null });
  const [body, setBody] = useState(() => draft(audience, template, nextMinutes));

  // Until the sender edits the text, it follows the choices above it.
  const choose = (a: UpdateAudience, t: StageTemplate, none: boolean, m: string) => {
    setAudience(a);
    setTemplate(t);
    setNoneNext(none);
    setMinutes(m);
    if (!edited) setBody(draft(a, t, none ? null : minutesOf(m)));
  };

  const names = useMemo(() => responderNames(snapshot.org), [snapshot.org]);
  const warnings = useMemo(
    () => lintUpdate(body, { audience, template, glossary, names, expectsNextUpdate: !noneNext }),
    [body, audience, template, glossary, names, noneNext],
  );

  function send() {
    tryCommand(() => {
      const event = commands.sendUpdate({ audience, template, body, nextUpdateMinutes: nextMinutes !== null && Number.isNaN(nextMinutes) ? -1 : nextMinutes });
      lastAudience = audience;
      close();
      addNotice('info', `${UPDATE_AUDIENCE_LABELS[audience]} update recorded as sent${event.nextAt === null ? '.' : `; the next is due at ${messageTime(event.nextAt)}.`}`);
    });
  }

  return (
    <Modal title="Compose a stakeholder update" onClose={close}>
      <DialogForm onSubmit={send}>
        <div className="composer-choices">
          <fieldset>
            <legend>Audience</legend>
            {(['internal', 'external'] as const).map((a) => (
              <label key={a} className="inline">
                <input type="radio" name="audience" value={a} checked={audience === a} onChange={() => choose(a, template, noneNext, minutes)} />
                {a === 'internal' ? 'Internal (the company)' : 'External (customers)'}
              </label>
            ))}
          </fieldset>
          {/* Labelled by id, not by wrapping: a wrapping label would read out every option as part of the name. */}
          <div className="field">
            <label htmlFor="composer-stage">Stage</label>
            <select id="composer-stage" value={template} onChange={(e) => choose(audience, e.target.value as StageTemplate, e.target.value === 'resolution', minutes)}>
              {STAGES.map((t) => (
                <option key={t} value={t}>
                  {UPDATE_TEMPLATE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <label>
            Next update in (minutes)
            <input type="number" min={1} max={1440} value={minutes} disabled={noneNext} onChange={(e) => choose(audience, template, noneNext, e.target.value)} />
          </label>
          {template === 'resolution' && (
            <label className="inline">
              <input type="checkbox" checked={noneNext} onChange={(e) => choose(audience, template, e.target.checked, minutes)} />
              No further update
            </label>
          )}
        </div>
        <label>
          Message
          <textarea
            ref={area}
            className="composer-body"
            rows={12}
            value={body}
            data-autofocus
            spellCheck
            aria-describedby="composer-lint-summary"
            onChange={(e) => {
              setBody(e.target.value);
              setEdited(true);
            }}
          />
        </label>
        <div className="composer-tools">
          {edited && (
            <button
              type="button"
              onClick={() => {
                setBody(draft(audience, template, nextMinutes));
                setEdited(false);
              }}
            >
              Redraft from the document
            </button>
          )}
          <CopyButtons text={body} what="the update" drill={view.drill} />
        </div>
        <SendFooter warnings={warnings} area={area} error={refusal} onCancel={close} />
      </DialogForm>
    </Modal>
  );
}

/**
 * A CAN report: Conditions, Actions, Needs, each prefilled from the
 * document and the plan and edited here; the report is the three under
 * their labels, with when the next comes. Recorded as sent like an update.
 */
function CanComposer({ view, snapshot }: { view: StatusDocumentView; snapshot: IncidentSnapshot }) {
  const glossary = useStatusUi((s) => s.glossary);
  const [parts, setParts] = useState<CanParts>(() => draftCan(view, snapshot, { time: messageTime }));
  const [minutes, setMinutes] = useState(String(view.cadenceMinutes));
  const { refusal, tryCommand } = useRefusal();
  const area = useRef<HTMLTextAreaElement>(null);
  const nextMinutes = minutesOf(minutes);
  const ctx: DraftContext = { time: messageTime, now: incidentNow(), nextUpdateMinutes: nextMinutes !== null && Number.isFinite(nextMinutes) ? nextMinutes : null };
  const report = assembleCan(view, parts, ctx);
  const names = useMemo(() => responderNames(snapshot.org), [snapshot.org]);
  const warnings = lintUpdate(report, { audience: 'internal', template: 'can', glossary, names, expectsNextUpdate: true });
  const part = (key: keyof CanParts, label: string, hint: string) => (
    <label>
      {label} <span className="muted">{hint}</span>
      <textarea className="can-text" rows={key === 'conditions' ? 3 : 4} value={parts[key]} data-autofocus={key === 'conditions' || undefined} onChange={(e) => setParts({ ...parts, [key]: e.target.value })} />
    </label>
  );
  function send() {
    tryCommand(() => {
      const event = commands.sendUpdate({ audience: 'internal', template: 'can', body: report, nextUpdateMinutes: Number.isNaN(nextMinutes) ? -1 : nextMinutes });
      close();
      addNotice('info', `CAN report recorded as sent; the next is due at ${event.nextAt === null ? '—' : messageTime(event.nextAt)}.`);
    });
  }
  return (
    <Modal title="CAN report" onClose={close}>
      <DialogForm onSubmit={send}>
        {part('conditions', 'Conditions', 'what is happening now')}
        {part('actions', 'Actions', 'what we are doing about it')}
        {part('needs', 'Needs', 'what we need from whoever reads this')}
        <label>
          Next report in (minutes)
          <input type="number" min={1} max={1440} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
        <label>
          The report as it will be sent
          <textarea className="can-text" ref={area} rows={8} readOnly value={report} aria-describedby="composer-lint-summary" />
        </label>
        <CopyButtons text={report} what="the CAN report" drill={view.drill} />
        <SendFooter warnings={warnings} area={area} error={refusal} onCancel={close} />
      </DialogForm>
    </Modal>
  );
}
