import type { ChartBox } from '../../../shared/report/ics-forms/model';

/**
 * The ICS 207's tree as nested lists (shared/report/ics-forms/ics207.ts
 * fitted it to the page): boxes joined by lines drawn in CSS; a lead whose
 * reports have none of their own lists them in a column under it.
 */
export function OrgChartDrawing({ root }: { root: ChartBox }) {
  return (
    <div className="chart-drawing">
      <ul className="chart-row chart-top">
        <ChartNode box={root} />
      </ul>
    </div>
  );
}

function Box({ box }: { box: ChartBox }) {
  return (
    <div className="chart-box">
      <strong>{box.title}</strong>
      <span>{box.holder}</span>
      {box.continuedOn && <em>continued on {box.continuedOn}</em>}
    </div>
  );
}

function ChartNode({ box }: { box: ChartBox }) {
  const column = box.children.length > 0 && box.children.every((c) => c.children.length === 0);
  return (
    <li className="chart-node">
      <Box box={box} />
      {column ? (
        <ul className="chart-column">
          {box.children.map((c) => (
            <li key={c.roleId}>
              <Box box={c} />
            </li>
          ))}
        </ul>
      ) : box.children.length ? (
        <ul className="chart-row">
          {box.children.map((c) => (
            <ChartNode key={c.roleId} box={c} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
