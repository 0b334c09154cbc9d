import { useEffect, useMemo, useRef, useState } from 'react';
import { formatYmd } from '../../../shared/ics/business-days';
import { sentUpdates, statusDocumentOf } from '../../../shared/views/status-document';
import { UPDATE_AUDIENCE_LABELS, type IncidentSnapshot, type UpdateAudience } from '../../../shared/incident';
import { closingAudiences, draftClosingNotice } from '../../../shared/report/closing';
import { lintUpdate, responderNames } from '../../../shared/report/plain-language';
import { Modal } from '../../components/Modal';
import { incidentNow } from '../../incidents/clock';
import { useIncidents } from '../../stores/incident';
import { useStatusUi } from '../../stores/status-ui';
import { useUi } from '../../stores/ui';
import { attempt } from '../../components/attempt';
import { useRefusal } from '../../components/useRefusal';
import { DialogForm } from '../../components/DialogForm';
import { CopyButtons } from '../../components/CopyButtons';
import { SendFooter } from '../status/SendFooter';
import { messageTime } from '../status/StatusDialogs';
import { OwnerFields } from './OwnerFields';
import { commands } from '../../incidents/commands';
import { addNotice } from '../../stores/notices';

const close = () => useUi.getState().openDialog(null);

/**
 * The closing notice, shown when the end is declared (and from the
 * Postmortem tab): the same audiences as the start hear that it is over,
 * where the postmortem and the follow-ups will appear, and thanks. Each is
 * drafted from the resolution template, linted, copied out and recorded
 * as sent, one audience after the other.
 */
export function ClosingNoticeDialog() {
  const snapshot = useIncidents((s) => s.snapshot);
  // It belongs to the incident it was opened on: leaving that incident closes it.
  const [incidentId] = useState(snapshot?.incidentId);
  const gone = !snapshot?.header || snapshot.incidentId !== incidentId;
  useEffect(() => {
    if (gone) close();
  }, [gone]);
  if (gone) return null;
  return <ClosingNotice snapshot={snapshot} />;
}

function ClosingNotice({ snapshot }: { snapshot: IncidentSnapshot }) {
  const header = snapshot.header!;
  const pm = snapshot.postmortem;
  const glossary = useStatusUi((s) => s.glossary);
  const sent = sentUpdates(snapshot.timeline);
  const audiences = closingAudiences(sent, header.endedAt);
  const [audience, setAudience] = useState<UpdateAudience>(() => (audiences.find((a) => !a.closed) ?? audiences[0]!).audience);
  const [where, setWhere] = useState(pm.where);
  const [followupsWhere, setFollowupsWhere] = useState(pm.followupsWhere);
  // The message follows the choices above it until it is edited; then it is the sender's.
  const [edited, setEdited] = useState<string | null>(null);
  const { refusal, tryCommand } = useRefusal();
  const area = useRef<HTMLTextAreaElement>(null);
  const view = useMemo(() => statusDocumentOf(snapshot, incidentNow()), [snapshot]);
  const draft = view
    ? draftClosingNotice(audience, view, { time: messageTime, now: incidentNow() }, {
        endedAt: header.endedAt ?? incidentNow(),
        postmortemWhere: where.trim(),
        followupsWhere: followupsWhere.trim(),
        postmortemDue: pm.dueDate ? formatYmd(pm.dueDate) : null,
      })
    : '';
  const body = edited ?? draft;
  const names = useMemo(() => responderNames(snapshot.org), [snapshot.org]);
  const warnings = useMemo(() => lintUpdate(body, { audience, template: 'resolution', glossary, names, expectsNextUpdate: false }), [body, audience, glossary, names]);
  const open = audiences.filter((a) => !a.closed);

  function savePlaces() {
    attempt(() => commands.setPostmortemPlaces({ where, followupsWhere }));
  }

  function send() {
    const sent = tryCommand(() => {
      commands.setPostmortemPlaces({ where, followupsWhere });
      commands.sendUpdate({ audience, template: 'resolution', body, nextUpdateMinutes: null });
    });
    if (!sent) return;
    const next = open.find((a) => a.audience !== audience);
    addNotice('info', `Closing notice to the ${UPDATE_AUDIENCE_LABELS[audience].toLowerCase()} audience recorded as sent.`);
    if (next) {
      setAudience(next.audience);
      setEdited(null);
    } else close();
  }

  return (
    <Modal title={`Closing notice: ${header.name}`} onClose={close} wide>
      <p>
        {header.state === 'ended' ? `${header.name} has ended.` : `${header.name} has not ended yet.`} Tell the same people who were told at the start: that it
        is over, where the postmortem and the follow-ups will appear, and thanks.
      </p>
      <ul className="closing-audiences" aria-label="Who was told">
        {audiences.map((a) => (
          <li key={a.audience}>
            <strong>{UPDATE_AUDIENCE_LABELS[a.audience]}</strong>:{' '}
            {a.toldAtStart ? `first message at ${messageTime(a.toldAtStart.at)}` : a.updates ? 'told during the incident' : 'nothing was sent during the incident'}
            {' · '}
            {a.closed ? `closing notice sent at ${messageTime(a.closed.at)}` : 'closing notice not sent yet'}
          </li>
        ))}
      </ul>
      <OwnerFields snapshot={snapshot} />
      <DialogForm onSubmit={send}>
        <div className="closing-places">
          <label>
            Where the postmortem will be shared
            <input
              value={where}
              maxLength={300}
              placeholder="e.g. the Incident Reviews wiki, or status.example.com for customers"
              onChange={(e) => setWhere(e.target.value)}
              onBlur={savePlaces}
            />
          </label>
          <label>
            Where follow-ups are tracked
            <input
              value={followupsWhere}
              maxLength={300}
              placeholder="e.g. the OPS project in the tracker"
              onChange={(e) => setFollowupsWhere(e.target.value)}
              onBlur={savePlaces}
            />
          </label>
        </div>
        <fieldset>
          <legend>Audience</legend>
          {audiences.map((a) => (
            <label key={a.audience} className="inline">
              <input
                type="radio"
                name="closing-audience"
                value={a.audience}
                checked={audience === a.audience}
                data-autofocus={a.audience === audience || undefined}
                onChange={() => setAudience(a.audience)}
              />
              {a.audience === 'internal' ? 'Internal (the company)' : 'External (customers)'}
            </label>
          ))}
        </fieldset>
        <label>
          Closing notice
          <textarea
            ref={area}
            className="composer-body"
            rows={11}
            value={body}
            spellCheck
            aria-describedby="composer-lint-summary"
            onChange={(e) => setEdited(e.target.value)}
          />
        </label>
        <div className="composer-tools">
          {edited !== null && (
            <button type="button" onClick={() => setEdited(null)}>
              Redraft
            </button>
          )}
          <CopyButtons text={body} what="the closing notice" drill={header.drill} />
        </div>
        <SendFooter warnings={warnings} area={area} error={refusal} onCancel={close} cancel={open.length ? 'Later' : 'Done'} />
      </DialogForm>
    </Modal>
  );
}
