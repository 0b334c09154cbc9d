/**
 * ICS 207, the organization chart, drawn to fit a page. A lead whose
 * reports have no reports of their own lists them in a column under it,
 * so the chart is as wide as its branches, not its people. When the tree
 * is still wider than CHART_COLUMNS branches, or deeper than CHART_LEVELS,
 * the widest branch is cut: its box says where it continues, and it is
 * drawn on a sheet of its own (fitted the same way), one sheet a page.
 */
import type { IncidentSnapshot } from '../../incident/projection';
import type { ChartRole } from '../../incident/org-chart';
import { formHeader, type PreparedFor } from './header';
import { FORM_TITLES, type ChartBox, type FormPart, type IcsForm } from './model';

/** Branches side by side on one page: about 30 mm a box across A4's or Letter's printable width. */
export const CHART_COLUMNS = 6;
/** Levels of boxes down one page, with room for the columns of reports at the bottom. */
export const CHART_LEVELS = 4;

interface Node {
  readonly role: ChartRole;
  readonly holder: string;
  readonly children: Node[];
}

/** How many branches wide a drawn box is: a box whose reports all stand alone lists them in one column. */
export function chartWidth(box: ChartBox): number {
  if (!box.children.length || box.children.every((c) => !c.children.length)) return 1;
  return box.children.reduce((sum, c) => sum + chartWidth(c), 0);
}

/** How many levels deep a drawn box is (a column of reports counts as one level). */
export function chartDepth(box: ChartBox): number {
  return box.children.length ? 1 + Math.max(...box.children.map(chartDepth)) : 1;
}

function treeOf(snapshot: IncidentSnapshot): Node {
  const org = snapshot.org!;
  const names = new Map(org.responders.map((r) => [r.id, r.name]));
  const ic = names.get(org.icId) ?? '';
  const nodes = new Map<string, Node>(
    org.roles.map((r) => [r.id, { role: r, holder: r.holderId === null ? `not delegated: IC (${ic})` : (names.get(r.holderId) ?? ''), children: [] }]),
  );
  let root: Node | undefined;
  for (const r of org.roles) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId === null ? undefined : nodes.get(r.parentId);
    if (parent) parent.children.push(node);
    else root ??= node;
  }
  return root!;
}

/** A branch drawn on a page, with the branches cut from it (their boxes say where they continue, once sheets are numbered). */
interface Fitted {
  readonly box: ChartBox;
  readonly cuts: readonly Node[];
}

const boxOf = (n: Node, children: readonly ChartBox[] = []): ChartBox => ({ roleId: n.role.id, title: n.role.title, holder: n.holder, children });

/** A box alone: when it has reports, they continue on a sheet of their own. */
function stub(n: Node): Fitted {
  return n.children.length ? { box: { ...boxOf(n), continuedOn: '' }, cuts: [n] } : { box: boxOf(n), cuts: [] };
}

/** Draws `node` within `levels` levels, cutting its widest branches until it is at most CHART_COLUMNS wide. */
function fitToPage(node: Node, levels: number): Fitted {
  if (!node.children.length) return stub(node);
  if (levels <= 1) return stub(node);
  // Reports without reports of their own: one column under their lead.
  if (node.children.every((c) => !c.children.length)) return { box: boxOf(node, node.children.map((c) => boxOf(c))), cuts: [] };
  const kids = node.children.map((c) => fitToPage(c, levels - 1));
  const width = () => kids.reduce((sum, k) => sum + chartWidth(k.box), 0);
  while (width() > CHART_COLUMNS) {
    let widest = 0;
    kids.forEach((k, i) => {
      if (chartWidth(k.box) > chartWidth(kids[widest]!.box)) widest = i;
    });
    if (chartWidth(kids[widest]!.box) <= 1) break;
    kids[widest] = stub(node.children[widest]!);
  }
  return { box: boxOf(node, kids.map((k) => k.box)), cuts: kids.flatMap((k) => k.cuts) };
}

/** The fitted box with each cut branch's box naming its sheet. */
function labelled(box: ChartBox, sheets: ReadonlyMap<string, number>): ChartBox {
  const sheet = sheets.get(box.roleId);
  return {
    ...box,
    ...(box.continuedOn !== undefined && sheet !== undefined ? { continuedOn: `sheet ${sheet}` } : {}),
    children: box.children.map((c) => labelled(c, sheets)),
  };
}

/**
 * A sheet's drawings: the branch fitted, or, when its root has more direct
 * reports than fit side by side (a span of control past CHART_COLUMNS),
 * the root drawn again over each slice of them.
 */
function fitSheet(node: Node): { readonly fitted: Fitted; readonly slice: string }[] {
  const whole = fitToPage(node, CHART_LEVELS);
  if (chartWidth(whole.box) <= CHART_COLUMNS) return [{ fitted: whole, slice: '' }];
  const slices: { fitted: Fitted; slice: string }[] = [];
  for (let from = 0; from < node.children.length; from += CHART_COLUMNS) {
    const children = node.children.slice(from, from + CHART_COLUMNS);
    slices.push({ fitted: fitToPage({ ...node, children }, CHART_LEVELS), slice: `reports ${from + 1} to ${from + children.length} of ${node.children.length}` });
  }
  return slices;
}

export function ics207(snapshot: IncidentSnapshot, prepared: PreparedFor): IcsForm {
  const header = formHeader(snapshot, prepared);
  const drawn: { node: Node; fitted: Fitted; slice: string }[] = [];
  const queue: Node[] = [treeOf(snapshot)];
  // Sheets in order: the whole chart first, then each branch cut, in the order it was cut; a branch may take several sheets.
  const sheetOfNode = new Map<Node, number>();
  for (let i = 0; i < queue.length; i++) {
    sheetOfNode.set(queue[i]!, drawn.length + 1);
    for (const { fitted, slice } of fitSheet(queue[i]!)) {
      drawn.push({ node: queue[i]!, fitted, slice });
      queue.push(...fitted.cuts);
    }
  }
  // Numbered once every sheet is known: a cut branch's box names the first sheet it is drawn on.
  const parts: FormPart[] = drawn.map(({ node, fitted, slice }, i) => {
    const sheets = new Map(fitted.cuts.map((cut) => [cut.role.id, sheetOfNode.get(cut)!]));
    const more = slice ? ` (${slice})` : '';
    const heading = drawn.length === 1 ? '' : i === 0 ? `Sheet 1 of ${drawn.length}` : `Sheet ${i + 1} of ${drawn.length}: ${node.role.title}, continued${more}`;
    const title = node === queue[0] ? `Incident organization${more}` : `${node.role.title} (${node.holder}) and those reporting to it${more}`;
    return { heading, sections: [{ kind: 'chart', title, root: labelled(fitted.box, sheets) }] };
  });
  return {
    number: '207',
    title: FORM_TITLES['207'],
    purpose: 'The response’s own org chart, from the IC down: one boss each.',
    header,
    parts,
  };
}
