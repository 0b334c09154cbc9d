import { useMemo } from 'react';
import { POSTMORTEM_TEXT_MAX, postmortemTextOf, type PostmortemDoc, type PostmortemSection } from '../../../shared/incident';
import { lintBlameless } from '../../../shared/report/blameless';
import { SECTION_PROMPTS } from '../../../shared/report/postmortem-layouts';
import { attempt } from '../../components/attempt';
import { CollabText } from '../../components/collab-text/CollabText';
import { WarningList } from './WarningList';
import { commands } from '../../incidents/commands';
import { openSession } from '../../incidents/open-incident';

/**
 * One narrative section of the draft: collaborative text, its prompt,
 * the blameless lint under it, and a way to draft it again from the
 * incident when the first draft has gone stale.
 */
export function SectionField({
  section,
  title,
  postmortem,
  names,
  readOnly,
  redraft,
}: {
  section: PostmortemSection;
  title: string;
  postmortem: PostmortemDoc;
  names: readonly string[];
  readOnly: boolean;
  /** The section drafted from the incident now, if it has a draft. */
  redraft: (() => string | undefined) | null;
}) {
  const value = postmortem.sections[section];
  const session = openSession();
  const warnings = useMemo(() => lintBlameless(value.text, { section, names }), [value.text, section, names]);
  const fieldId = `pm-section-${section}`;
  return (
    <div className="pm-section">
      <CollabText
        presence={`pm:${section}`}
        fieldId={fieldId}
        label={title}
        value={value}
        text={session ? postmortemTextOf(session.doc, section) : null}
        max={POSTMORTEM_TEXT_MAX}
        rows={section === 'overview' || section === 'internalMessage' ? 4 : 6}
        readOnly={readOnly}
        multiline
        // Read-only, an empty section says so rather than prompting for what to write.
        placeholder={readOnly ? 'Not written yet.' : SECTION_PROMPTS[section]}
        describedBy={`${fieldId}-lint`}
        leaveOnEscape
        apply={(edit) => commands.editPostmortemText({ section, index: edit.index, remove: edit.remove, insert: edit.insert })}
        startOver={() => commands.replacePostmortemText({ section, text: value.text })}
      />
      <div className="pm-section-tools">
        <WarningList warnings={warnings} fieldId={fieldId} id={`${fieldId}-lint`} label="Blameless" clean="Blameless: nothing to flag." />
        {redraft && !readOnly && (
          <button
            type="button"
            className="pm-redraft"
            onClick={() => {
              if (value.text.trim() && !window.confirm(`Replace the ${title.toLowerCase()} with a fresh draft from the incident? What is written there now is lost.`)) return;
              attempt(() => commands.replacePostmortemText({ section, text: redraft() ?? '' }));
            }}
          >
            Draft again from the incident
          </button>
        )}
      </div>
    </div>
  );
}
