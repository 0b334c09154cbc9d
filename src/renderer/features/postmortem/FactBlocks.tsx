import { useState } from 'react';
import { byline, STATUS_PHASE_LABELS, UPDATE_AUDIENCE_LABELS, UPDATE_TEMPLATE_LABELS } from '../../../shared/incident';
import type { FactBlock } from '../../../shared/report/postmortem-layouts';
import type { DecisionFact, PostmortemFacts, ResponderFacts, TimelineFact } from '../../../shared/report/postmortem-facts';
import { formatDuration, phaseFigures, utcStamp, utcClockSecond, utcTimeSecond } from '../../../shared/report/postmortem-draft';
import { reportingText, rolesText } from '../../../shared/report/report-parts';
import { ActionItems } from './ActionItems';

/** The most timeline rows shown in the tab; the files hold every one. */
export const TIMELINE_ROWS_SHOWN = 300;

/** A block of facts read from the incident (not editable here: they are the record). */
export function FactsBlock({ fact, facts, readOnly, names }: { fact: FactBlock; facts: PostmortemFacts; readOnly: boolean; names: readonly string[] }) {
  switch (fact) {
    case 'severities':
      return <Severities facts={facts} />;
    case 'phases':
      return <Phases facts={facts} />;
    case 'responders':
      return <Responders responders={facts.responders} />;
    case 'timeline':
      return <TimelineFacts facts={facts} />;
    case 'decisions':
      return <Decisions decisions={facts.decisions} />;
    case 'action-items':
      return <ActionItems items={facts.actionItems} readOnly={readOnly} names={names} />;
    case 'updates':
      return <Updates facts={facts} />;
  }
}

function Severities({ facts }: { facts: PostmortemFacts }) {
  const i = facts.incident;
  return (
    <PeriodTable
      caption={`${formatDuration(i.durationMs)} from the declaration (${utcStamp(i.declaredAt)}) to ${i.endedAt === null ? 'now: it has not ended' : `the end (${utcStamp(i.endedAt)})`}`}
      what="Severity"
      periods={i.severities.map((p) => ({ label: p.severity, from: p.from, to: p.to }))}
    />
  );
}

/** Spans of the incident in one state (a severity, a phase): from, to, and for how long. */
function PeriodTable({ caption, what, periods }: { caption: string; what: string; periods: readonly { label: string; from: number; to: number }[] }) {
  return (
    <table className="pm-table">
      <caption className="muted">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{what}</th>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col">For</th>
        </tr>
      </thead>
      <tbody>
        {periods.map((p) => (
          <tr key={`${p.label}-${p.from}`}>
            <td>{p.label}</td>
            <td>{utcStamp(p.from)}</td>
            <td>{utcStamp(p.to)}</td>
            <td>{formatDuration(p.to - p.from)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Time to identify, mitigate and resolve, and the time in each phase, from the logged phase changes. */
function Phases({ facts }: { facts: PostmortemFacts }) {
  const i = facts.incident;
  if (!i.phases.length) return <p className="muted">The phase was not logged while it changed (an incident kept by an earlier version).</p>;
  const figures = phaseFigures(i);
  return (
    <>
      {figures.length ? (
        <ul className="pm-phase-figures" aria-label="Time to identify and mitigate">
          {figures.map((x) => (
            <li key={x.label}>
              <strong>{x.label}:</strong> {x.value} <span className="muted">({x.detail})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No change of phase tells when the cause was identified or the fix was in.</p>
      )}
      <PeriodTable
        caption={`From the declaration (${utcStamp(i.declaredAt)}), as the status document's phase was changed`}
        what="Phase"
        periods={i.phases.map((p) => ({ label: STATUS_PHASE_LABELS[p.phase], from: p.from, to: p.to }))}
      />
    </>
  );
}

function Responders({ responders }: { responders: readonly ResponderFacts[] }) {
  if (!responders.length) return <p className="muted">Nobody checked in.</p>;
  return (
    <table className="pm-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Team</th>
          <th scope="col">Roles (UTC)</th>
          <th scope="col">Reported to (UTC)</th>
          <th scope="col">Checked in (UTC)</th>
          <th scope="col">Released (UTC)</th>
          <th scope="col">Entries</th>
        </tr>
      </thead>
      <tbody>
        {responders.map((r, i) => (
          <tr key={`${r.name}-${i}`}>
            <td>{r.name}</td>
            <td>{r.team}</td>
            <td>{rolesText(r) || <span className="muted">{r.checkedInAt === null ? 'did not check in' : 'staging'}</span>}</td>
            <td>{reportingText(r)}</td>
            <td>{r.checkedInAt === null ? '' : utcClockSecond(r.checkedInAt)}</td>
            <td>{r.releasedAt === null ? '' : utcClockSecond(r.releasedAt)}</td>
            <td>{r.entries}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TimelineFacts({ facts }: { facts: PostmortemFacts }) {
  const [keyOnly, setKeyOnly] = useState(false);
  const rows = keyOnly ? facts.timeline.filter((f) => f.key || f.milestone) : facts.timeline;
  const shown = rows.slice(0, TIMELINE_ROWS_SHOWN);
  return (
    <div className="pm-timeline-block">
      <p className="muted">
        Facts in the order they happened, times in UTC. <span aria-hidden="true">★</span> marks a key event, ◆ a milestone.
        {facts.struck > 0 && ` ${facts.struck} struck-through entr${facts.struck === 1 ? 'y is' : 'ies are'} left out.`}{' '}
        <label className="inline">
          <input type="checkbox" checked={keyOnly} onChange={(e) => setKeyOnly(e.target.checked)} /> Key events and milestones only
        </label>
      </p>
      <ol className="pm-timeline" aria-label="Timeline of facts">
        {shown.map((f) => (
          <TimelineRow key={f.id} fact={f} />
        ))}
      </ol>
      {rows.length > shown.length && (
        <p className="muted">
          Showing the first {shown.length.toLocaleString('en-US')} of {rows.length.toLocaleString('en-US')}; the exported files hold every one.
        </p>
      )}
    </div>
  );
}

function TimelineRow({ fact }: { fact: TimelineFact }) {
  const mark = fact.key ? 'key event' : fact.milestone ? 'milestone' : null;
  return (
    <li className={`pm-fact kind-${fact.kind}${fact.key ? ' key' : ''}${fact.milestone ? ' milestone' : ''}`}>
      <span className="mono">{utcClockSecond(fact.at)}</span>
      <span className="pm-mark" aria-label={mark ?? undefined}>
        {fact.key ? '★' : fact.milestone ? '◆' : ''}
      </span>
      <span className="pm-fact-label">{fact.label}</span>
      <span className="pm-fact-text">
        {fact.text}
        {fact.edited && <span className="muted"> (edited)</span>}
      </span>
      <span className="muted pm-fact-author">{fact.author}</span>
    </li>
  );
}

const OUTCOMES: Record<DecisionFact['outcome'], string> = { adopted: 'Adopted', withdrawn: 'Withdrawn', open: 'Never decided', logged: 'Logged' };

function Decisions({ decisions }: { decisions: readonly DecisionFact[] }) {
  if (!decisions.length) return <p className="muted">No decisions were proposed or logged.</p>;
  return (
    <ol className="pm-list" aria-label="Decisions">
      {decisions.map((d, i) => (
        <li key={`${d.at}-${i}`}>
          <span className="mono">{utcTimeSecond(d.at)}</span> <span className={`pill outcome-${d.outcome}`}>{OUTCOMES[d.outcome]}</span> {d.text}{' '}
          <span className="muted">({d.by}{d.decidedAt !== null && d.outcome !== 'logged' ? `; decided ${utcTimeSecond(d.decidedAt)}` : ''})</span>
          {d.objections.length > 0 && <div className="muted">Objections: {d.objections.join('; ')}</div>}
          {d.note && <div className="muted">Note: {d.note}</div>}
        </li>
      ))}
    </ol>
  );
}

function Updates({ facts }: { facts: PostmortemFacts }) {
  if (!facts.updates.length) return <p className="muted">No update was sent during the incident.</p>;
  return (
    <ol className="pm-list" aria-label="Updates sent">
      {facts.updates.map((u) => (
        <li key={u.id}>
          <details>
            <summary>
              <span className="mono">{utcTimeSecond(u.at)}</span> {u.template === 'can' ? 'CAN report' : `${UPDATE_AUDIENCE_LABELS[u.audience]}: ${UPDATE_TEMPLATE_LABELS[u.template]}`}{' '}
              <span className="muted">by {byline(u)}</span>
            </summary>
            <pre className="sent-update-body">{u.body}</pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
