import { useEffect, useMemo, useState } from 'react';
import { FORM_NUMBERS, FORM_TITLES, PAPER_SIZES, buildForm, type FormNumber, type PaperSize } from '../../../shared/report/ics-forms';
import { reportFileName } from '../../../shared/report/file-names';
import { host } from '../../host';
import { incidentNow } from '../../incidents/clock';
import { useIdentity } from '../../incidents/identity-store';
import { useIncidents } from '../../stores/incident';
import { addNotice } from '../../stores/notices';
import { useUi, type Route } from '../../stores/ui';
import { pageRule } from './page-rule';
import { PrintedForm } from './PrintedForm';
import './forms.css';

type FormsRoute = Extract<Route, { view: 'forms' }>;

const PAPER_LABELS: Record<PaperSize, string> = { letter: 'Letter', a4: 'A4' };

/**
 * The ICS forms of the open incident, laid out as the pages they print to
 * (route #/forms/<id>?form=201&paper=a4): choose a form (or all) and the
 * paper, then print (the browser's print dialog saves a PDF too) or, in
 * the desktop app, save a PDF directly. The forms are filled when the view
 * opens and again with each change, prepared by the person at this
 * keyboard.
 */
export function FormsView() {
  const route = useUi((s) => s.route) as FormsRoute;
  const status = useIncidents((s) => s.status);
  const snapshot = useIncidents((s) => s.snapshot);
  const name = useIdentity((s) => s.name);
  const forms = useMemo(() => {
    if (!snapshot?.header || !snapshot.org) return null;
    const numbers: readonly FormNumber[] = route.form === 'all' ? FORM_NUMBERS : [route.form];
    return numbers.map((n) => buildForm(n, snapshot, { preparedBy: name, now: incidentNow() }));
  }, [snapshot, name, route.form]);
  const title = forms ? `ICS ${route.form === 'all' ? 'forms' : route.form} · ${forms[0]!.header.incidentName}` : 'ICS forms · Command Post';
  useEffect(() => host.setTitle(title), [title]);
  usePageRule(forms ? pageRule(route.paper, forms[0]!.header) : null);
  const go = (next: Partial<FormsRoute>) => useUi.getState().navigate({ ...route, ...next });

  return (
    <div className={`forms-view paper-${route.paper}`}>
      <nav className="forms-toolbar" aria-label="Print ICS forms">
        <a href={`#/incident/${route.id}`}>← Back to the incident</a>
        <label>
          Form{' '}
          <select value={route.form} onChange={(e) => go({ form: e.target.value as FormNumber | 'all' })}>
            <option value="all">All forms</option>
            {FORM_NUMBERS.map((n) => (
              <option key={n} value={n}>
                ICS {n} {FORM_TITLES[n]}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="forms-paper">
          <legend>Paper</legend>
          {PAPER_SIZES.map((p) => (
            <label key={p}>
              <input type="radio" name="paper" value={p} checked={route.paper === p} onChange={() => go({ paper: p })} /> {PAPER_LABELS[p]}
            </label>
          ))}
        </fieldset>
        <PrintButtons route={route} incidentName={forms?.[0]!.header.incidentName ?? null} />
      </nav>
      {forms ? (
        <main className="forms-pages" aria-label="ICS forms as printed">
          {forms.map((form) => (
            <PrintedForm key={form.number} form={form} />
          ))}
        </main>
      ) : (
        <main className="forms-pages">
          <p className="muted">{status === 'loading' || status === 'idle' ? 'Opening the incident…' : 'This incident is not on this machine, or nothing of it could be read.'}</p>
        </main>
      )}
    </div>
  );
}

/**
 * Adds the @page rule to the document while the view is shown. Through the
 * CSS object model (a constructed style sheet), not a <style> element: the
 * app's Content-Security-Policy refuses inline styles, and the rule holds
 * the incident's name.
 */
function usePageRule(css: string | null): void {
  useEffect(() => {
    if (css === null) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [css]);
}

function PrintButtons({ route, incidentName }: { route: FormsRoute; incidentName: string | null }) {
  const [saving, setSaving] = useState(false);
  const savePdf = host.savePdf;
  const save = async () => {
    if (!savePdf || !incidentName) return;
    setSaving(true);
    try {
      const what = route.form === 'all' ? 'ICS-forms' : `ICS-${route.form}`;
      const result = await savePdf({ suggestedName: reportFileName(incidentName, what, 'pdf', incidentNow()), paper: route.paper });
      if (result === 'saved') addNotice('info', 'The PDF is saved.');
    } catch (error) {
      addNotice('error', `The PDF could not be saved: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setSaving(false);
    }
  };
  return (
    <span className="forms-actions">
      <button type="button" className="primary" disabled={!incidentName} aria-keyshortcuts="Control+P" onClick={() => window.print()}>
        Print…
      </button>
      {savePdf && (
        <button type="button" disabled={!incidentName || saving} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save as PDF…'}
        </button>
      )}
      <span className="muted forms-hint">{savePdf ? 'Or print, and choose a printer.' : 'In the print dialog, choose “Save as PDF” for a file.'} Set the same paper there.</span>
    </span>
  );
}
