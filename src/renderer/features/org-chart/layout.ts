/**
 * How the chart is laid out, as data (the components only draw it): a
 * layered tree from the IC down. A lead's subordinates who lead others
 * spread out side by side below it; those who lead nobody stack in a small
 * grid, beside the lead's card when it has sub-teams (using width the
 * sub-teams take anyway), else under it. That keeps a response of thirty
 * within a laptop screen.
 */
import type { ChartRole, OrgChart } from '../../../shared/incident/org-chart';

export interface StackShape {
  readonly columns: number;
  readonly rows: number;
}

export interface ChartNode {
  readonly role: ChartRole;
  /** Subordinate roles with nobody under them, in one grid. */
  readonly leaves: readonly ChartNode[];
  /** Subordinate roles that lead others, side by side. */
  readonly branches: readonly ChartNode[];
  /** Where and how the leaves are drawn; null without leaves. */
  readonly stack: (StackShape & { readonly place: 'beside' | 'below' }) | null;
  /** How many card columns the node and everything under it take. */
  readonly width: number;
}

/**
 * The most cards one column of leaves holds before it wraps into another:
 * the most reports a lead can follow, so a lead with only a team under it
 * gets a second column exactly when its span of control is exceeded.
 */
export const STACK_ROWS = 7;

/** A stack under a card: one column, wrapping beyond STACK_ROWS, as even as it gets. */
export function stackShape(count: number): StackShape {
  if (count <= 0) return { columns: 0, rows: 0 };
  const columns = Math.ceil(count / STACK_ROWS);
  return { columns, rows: Math.ceil(count / columns) };
}

/**
 * A stack beside a card: as many columns as the sub-teams below leave free
 * next to the card (so the chart grows no wider), hence as few rows as
 * possible; never more than STACK_ROWS rows.
 */
export function besideShape(count: number, branchesWidth: number): StackShape {
  if (count <= 0) return { columns: 0, rows: 0 };
  let columns = Math.min(count, Math.max(1, branchesWidth - 1));
  if (Math.ceil(count / columns) > STACK_ROWS) columns = Math.ceil(count / STACK_ROWS);
  return { columns, rows: Math.ceil(count / columns) };
}

export function chartTree(org: OrgChart): ChartNode | null {
  const byId = new Map(org.roles.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const build = (role: ChartRole): ChartNode => {
    seen.add(role.id);
    const children = role.childIds.map((id) => byId.get(id)).filter((r): r is ChartRole => !!r && !seen.has(r.id));
    const nodes = children.map(build);
    const leaves = nodes.filter((n) => n.role.childIds.length === 0);
    const branches = nodes.filter((n) => n.role.childIds.length > 0);
    if (!branches.length) {
      const shape = stackShape(leaves.length);
      return { role, leaves, branches, stack: leaves.length ? { ...shape, place: 'below' } : null, width: Math.max(1, shape.columns) };
    }
    const branchesWidth = branches.reduce((sum, b) => sum + b.width, 0);
    const shape = besideShape(leaves.length, branchesWidth);
    return {
      role,
      leaves,
      branches,
      stack: leaves.length ? { ...shape, place: 'beside' } : null,
      width: Math.max(branchesWidth, 1 + shape.columns),
    };
  };
  const root = org.roles[0];
  return root ? build(root) : null;
}

/** The order the cards read in on screen: a card, its stacked leaves, then each branch. Arrow keys follow it. */
export function visualOrder(root: ChartNode | null): string[] {
  const order: string[] = [];
  const walk = (node: ChartNode) => {
    order.push(node.role.id);
    for (const leaf of node.leaves) walk(leaf);
    for (const branch of node.branches) walk(branch);
  };
  if (root) walk(root);
  return order;
}
