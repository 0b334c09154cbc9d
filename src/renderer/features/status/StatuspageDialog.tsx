import { useState } from 'react';
import type { IncidentSnapshot } from '../../../shared/incident';
import { componentNames, STATUSPAGE_IMPACT, STATUSPAGE_STATUS } from '../../../shared/report/statuspage';
import type { StatusDocumentView } from '../../../shared/views/status-document';
import { sentUpdates } from '../../../shared/views/sent-updates';
import { DialogForm } from '../../components/DialogForm';
import { FormFooter } from '../../components/FormFooter';
import { Modal } from '../../components/Modal';
import { count } from '../../../shared/plural';
import { useStatusUi } from '../../stores/status-ui';
import { saveExport } from '../postmortem/export-files';

/** The components typed last, so a second export does not ask for them again. */
let lastComponents = '';

const close = () => useStatusUi.getState().close();

/**
 * The public status as Statuspage-style JSON (statuspage.ts): what goes in
 * is said before it is saved (the status, the impact, how many external
 * updates; never the internal ones), and the affected components are typed
 * here, as the team's status page names them, since the incident keeps no
 * list of its own.
 */
export function StatuspageDialog({ view, snapshot }: { view: StatusDocumentView; snapshot: IncidentSnapshot }) {
  const [typed, setTyped] = useState(lastComponents);
  const [error, setError] = useState<string | null>(null);
  const external = sentUpdates(snapshot.timeline).filter((u) => u.audience === 'external').length;
  function save() {
    let components: string[];
    try {
      components = componentNames(typed);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
      return;
    }
    lastComponents = typed;
    close();
    void saveExport('statuspage', snapshot, components);
  }
  return (
    <Modal title="Public status for a status page" onClose={close}>
      <DialogForm onSubmit={save}>
        <p className="muted">
          JSON in the shape of Atlassian Statuspage's incident, for a script that posts it to your status page. It holds the status (
          <strong>{STATUSPAGE_STATUS[view.doc.phase]}</strong>), the impact (<strong>{STATUSPAGE_IMPACT[view.severity]}</strong>) and the{' '}
          {count(external, 'external update')} sent, word for word. Internal updates, CAN reports and the status document's own text stay out.
          {view.drill && ' This is a drill: the file says so, and its name starts with [DRILL].'}
        </p>
        <label>
          Affected components <span className="muted">one per line, as your status page names them (optional)</span>
          <textarea rows={4} value={typed} data-autofocus onChange={(e) => setTyped(e.target.value)} />
        </label>
        <FormFooter error={error} onCancel={close} submit="Save the JSON" />
      </DialogForm>
    </Modal>
  );
}
