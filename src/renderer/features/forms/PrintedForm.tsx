import type { FormSection, IcsForm } from '../../../shared/report/ics-forms/model';
import { utcStamp } from '../../../shared/report/postmortem-draft';
import { OrgChartDrawing } from './OrgChartDrawing';

/**
 * One ICS form as printed pages: each part starts a page with the form's
 * title block (form number and name, incident, operational period,
 * prepared by), then its sections. Every value is React text, never markup.
 */
export function PrintedForm({ form }: { form: IcsForm }) {
  const h = form.header;
  return (
    <article className="ics-form" aria-label={`ICS ${form.number} ${form.title}`} data-form={form.number}>
      {form.parts.map((part, i) => (
        <section className="ics-page" key={i} aria-label={part.heading || `ICS ${form.number}`}>
          <header className="ics-title">
            <h2>
              <span className="ics-number">ICS {form.number}</span> {form.title}
              {part.heading && <span className="ics-part"> · {part.heading}</span>}
            </h2>
            {h.drill && <p className="ics-drill">DRILL</p>}
            <p className="ics-purpose">{form.purpose}</p>
            <dl className="ics-head-fields">
              <div>
                <dt>1. Incident name</dt>
                <dd>
                  {h.incidentName} ({h.severity})
                </dd>
              </div>
              <div>
                <dt>2. Operational period</dt>
                <dd>{h.periodText}</dd>
              </div>
              <div>
                <dt>Prepared by</dt>
                <dd>
                  {h.preparedBy}, {utcStamp(h.preparedAt)}
                </dd>
              </div>
            </dl>
          </header>
          {part.sections.map((section, j) => (
            <Section key={j} section={section} number={j + 3} />
          ))}
        </section>
      ))}
    </article>
  );
}

function Section({ section, number }: { section: FormSection; number: number }) {
  const title = (
    <h3>
      {number}. {section.title}
    </h3>
  );
  switch (section.kind) {
    case 'fields':
      return (
        <div className="ics-section">
          {title}
          <dl className="ics-fields">
            {section.fields.map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value || '—'}</dd>
              </div>
            ))}
          </dl>
        </div>
      );
    case 'lines':
      return (
        <div className="ics-section">
          {title}
          {section.lines.length ? (
            <ul className="ics-lines">
              {section.lines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          ) : (
            <p className="ics-empty">{section.empty}</p>
          )}
        </div>
      );
    case 'text':
      return (
        <div className="ics-section">
          {title}
          <p className="ics-text">{section.text}</p>
        </div>
      );
    case 'table': {
      const total = section.columns.reduce((sum, c) => sum + c.width, 0);
      return (
        <div className="ics-section">
          {title}
          {section.rows.length ? (
            <table className="ics-table">
              <colgroup>
                {section.columns.map((c) => (
                  <col key={c.label} style={{ width: `${((c.width / total) * 100).toFixed(2)}%` }} />
                ))}
              </colgroup>
              <thead>
                <tr>
                  {section.columns.map((c) => (
                    <th key={c.label} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {section.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, k) => (
                      <td key={k}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="ics-empty">{section.empty}</p>
          )}
        </div>
      );
    }
    case 'blank':
      return (
        <div className="ics-section ics-blank-section">
          {title}
          <div className="ics-blank">
            <span>{section.note}</span>
          </div>
        </div>
      );
    case 'chart':
      return (
        <div className="ics-section ics-chart-section">
          {title}
          <OrgChartDrawing root={section.root} />
        </div>
      );
  }
}
