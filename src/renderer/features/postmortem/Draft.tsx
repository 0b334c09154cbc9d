import { useMemo, useState } from 'react';
import { POSTMORTEM_LAYOUT_LABELS, POSTMORTEM_LAYOUTS, type IncidentSnapshot, type PostmortemLayout } from '../../../shared/incident';
import { DRAFTED_SECTIONS, draftSections } from '../../../shared/report/postmortem-draft';
import { postmortemFacts, type PostmortemFacts } from '../../../shared/report/postmortem-facts';
import { LAYOUTS, type LayoutBlock } from '../../../shared/report/postmortem-layouts';
import { incidentNow } from '../../incidents/clock';
import { attempt } from '../../components/attempt';
import { FactsBlock } from './FactBlocks';
import { SectionField } from './SectionField';
import { gatheredMessage } from './gathered';
import { commands } from '../../incidents/commands';
import { addNotice } from '../../stores/notices';
import { count } from '../../../shared/plural';

/** Everyone who took part, by the names they gave: whom the blameless lint looks for. */
function peopleOf(snapshot: IncidentSnapshot): string[] {
  const names = new Set<string>();
  for (const r of snapshot.org?.responders ?? []) names.add(r.name);
  for (const e of snapshot.timeline) {
    names.add(e.author);
    if (e.for) names.add(e.for.name);
  }
  return [...names].filter(Boolean);
}

/**
 * The draft: before it is started, a choice of layout and one key to draft
 * it from the incident; then every section of the layout in its order, the
 * narrative ones written together, the facts read from the incident.
 */
export function Draft({ snapshot, readOnly }: { snapshot: IncidentSnapshot; readOnly: boolean }) {
  const pm = snapshot.postmortem;
  // The facts follow the incident; the draft's text and the action items follow the postmortem.
  const facts = useMemo(() => postmortemFacts(snapshot, incidentNow()), [snapshot.timeline, snapshot.org, snapshot.plan, snapshot.status, pm.actionItems]); // eslint-disable-line react-hooks/exhaustive-deps
  const names = useMemo(() => peopleOf(snapshot), [snapshot.org, snapshot.timeline]); // eslint-disable-line react-hooks/exhaustive-deps
  if (pm.startedAt === null) return <StartDraft snapshot={snapshot} facts={facts} readOnly={readOnly} />;
  const redraft = (section: keyof ReturnType<typeof draftSections>) => () => draftSections(snapshot, incidentNow())[section];
  const render = (blocks: readonly LayoutBlock[], level: 3 | 4) =>
    blocks.map((block) => {
      const H = level === 3 ? 'h3' : 'h4';
      if (block.kind === 'group') {
        return (
          <section key={block.title} className="pm-group" aria-label={block.title}>
            <H>{block.title}</H>
            {render(block.children, 4)}
          </section>
        );
      }
      if (block.kind === 'text') {
        return (
          <SectionField
            key={block.section}
            section={block.section}
            title={block.title}
            postmortem={pm}
            names={names}
            readOnly={readOnly}
            redraft={DRAFTED_SECTIONS.has(block.section) ? redraft(block.section) : null}
          />
        );
      }
      return (
        <section key={block.fact} className="pm-facts-block" aria-label={block.title}>
          <H>{block.title}</H>
          <FactsBlock fact={block.fact} facts={facts} readOnly={readOnly} names={names} />
        </section>
      );
    });
  return (
    <div className="pm-draft">
      {/* Read-only, the layout is named with the facts above ("Layout: PagerDuty"): no choice to show. */}
      {!readOnly && <LayoutChoice layout={pm.layout} onChange={(layout) => attempt(() => commands.setPostmortemLayout(layout))} />}
      {render(LAYOUTS[pm.layout], 3)}
    </div>
  );
}

function LayoutChoice({ layout, onChange }: { layout: PostmortemLayout; onChange: (layout: PostmortemLayout) => void }) {
  return (
    <fieldset className="pm-layout">
      <legend>Layout</legend>
      {POSTMORTEM_LAYOUTS.map((l) => (
        <label key={l} className="inline">
          <input type="radio" name="pm-layout" value={l} checked={layout === l} onChange={() => onChange(l)} /> {POSTMORTEM_LAYOUT_LABELS[l]}
        </label>
      ))}
      <span className="muted">Both hold every section; switching only reorders and renames (l).</span>
    </fieldset>
  );
}

function StartDraft({ snapshot, facts, readOnly }: { snapshot: IncidentSnapshot; facts: PostmortemFacts; readOnly: boolean }) {
  const [layout, setLayout] = useState<PostmortemLayout>(snapshot.postmortem.layout);
  if (readOnly) {
    return (
      <section className="pm-start" aria-label="Postmortem draft">
        <p className="muted">The postmortem draft has not been started.</p>
      </section>
    );
  }
  const start = () => {
    if (
      attempt(() => {
        commands.startPostmortem({ layout, drafts: draftSections(snapshot, incidentNow(), facts) });
        const { added, left } = commands.gatherFollowups();
        addNotice(left ? 'warning' : 'info', `Postmortem draft started. ${gatheredMessage(added, left)}`);
      })
    ) {
      requestAnimationFrame(() => document.getElementById('pm-section-overview')?.focus());
    }
  };
  return (
    <section className="pm-start" aria-label="Start the postmortem draft">
      <p>
        The draft is written from the incident: the synopsis and the status document, the moments that mattered, how it ended, how the response went, the
        follow-ups as action items. Everyone can then write in it at once; it stays in the incident. The contributing factors are left for people to write.
      </p>
      <LayoutChoice layout={layout} onChange={setLayout} />
      <button type="button" className="primary" onClick={start}>
        Start the draft from the incident
      </button>
      <p className="muted">
        To draft from: {count(facts.timeline.length, 'fact')}, {count(facts.responders.length, 'responder')}, {count(facts.decisions.length, 'decision')} and{' '}
        {count(snapshot.timeline.filter((e) => e.kind === 'followup').length, 'follow-up')}.
      </p>
    </section>
  );
}

