import { useMemo, type CSSProperties, type KeyboardEvent } from 'react';
import type { HandoverState } from '../../../shared/incident/org-fold';
import type { ChartResponder, OrgChart } from '../../../shared/incident/org-chart';
import { useNow } from '../../components/useNow';
import { useOrgUi } from '../../stores/org-ui';
import { ChartCanvas } from './ChartCanvas';
import { chartStep } from './keys';
import type { ChartNode, StackShape } from './layout';
import { RoleCard } from './RoleCard';
import { useOnlineNames } from './usePresence';

interface ChartContext {
  readonly org: OrgChart;
  readonly people: ReadonlyMap<string, ChartResponder>;
  readonly pending: ReadonlyMap<string, HandoverState>;
  readonly icHolds: ReadonlySet<string>;
  /** Each lead's first role, where their span badge goes. */
  readonly badgeRoles: ReadonlySet<string>;
  readonly selectedId: string | null;
  readonly tabbableId: string | null;
  readonly online: ReadonlySet<string> | null;
  readonly now: number;
  readonly readOnly: boolean;
}

/**
 * The chart: a layered tree from the IC down (see layout.ts), drawn with
 * nested lists so a screen reader hears the hierarchy, with the tree
 * pattern's arrow keys.
 */
export function ChartTree({ org, tree, order, readOnly }: { org: OrgChart; tree: ChartNode; order: readonly string[]; readOnly: boolean }) {
  const selection = useOrgUi((s) => s.selection);
  const now = useNow();
  const online = useOnlineNames();
  const maps = useMemo(() => {
    const people = new Map(org.responders.map((r) => [r.id, r]));
    const pending = new Map(org.handovers.filter((h) => h.status === 'pending').map((h) => [h.roleId, h]));
    const icHolds = new Set(org.warnings.flatMap((w) => (w.kind === 'ic-holds-role' ? w.roleIds : [])));
    const badgeRoles = new Set(org.responders.filter((r) => r.directReports > 0 && r.roleIds.length).map((r) => r.roleIds[0]!));
    return { people, pending, icHolds, badgeRoles };
  }, [org]);
  const selectedId = selection?.type === 'role' && order.includes(selection.id) ? selection.id : null;
  const ctx: ChartContext = { org, ...maps, selectedId, tabbableId: selectedId ?? order[0] ?? null, online, now, readOnly };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const item = (event.target as HTMLElement).closest<HTMLElement>('[data-org-item^="role:"]');
    if (!item) return;
    const next = chartStep(org, order, item.dataset.orgItem!.slice(5), event.key);
    if (next === null) return;
    event.preventDefault();
    useOrgUi.getState().select({ type: 'role', id: next }, true);
  }

  return (
    <ChartCanvas onKeyDown={onKeyDown}>
      <ul className="org-tree" aria-label={`Roles from the Incident Commander down, ${org.roles.length} in all`}>
        <Node node={tree} ctx={ctx} />
      </ul>
    </ChartCanvas>
  );
}

/**
 * A role and what hangs under it. Subordinates who lead nobody stack in a
 * column: beside the card when the role also has sub-teams (which spread out
 * below it), else under the card. Beside costs no width the sub-teams do not
 * already take, which keeps a response of thirty within a laptop screen.
 */
function Node({ node, ctx }: { node: ChartNode; ctx: ChartContext }) {
  const hasBranches = node.branches.length > 0;
  return (
    <li className={`org-node${hasBranches ? ' has-branches' : ''}`}>
      <div className="org-row">
        <Card node={node} ctx={ctx} />
        {node.stack?.place === 'beside' && <Stack leaves={node.leaves} shape={node.stack} ctx={ctx} place="beside" />}
      </div>
      {hasBranches ? (
        <ul className="org-children">
          {node.branches.map((branch) => (
            <Node key={branch.role.id} node={branch} ctx={ctx} />
          ))}
        </ul>
      ) : (
        node.stack && <Stack leaves={node.leaves} shape={node.stack} ctx={ctx} place="below" />
      )}
    </li>
  );
}

/** Subordinates who lead nobody, in a grid filled column by column (see layout.ts). */
function Stack({ leaves, shape, ctx, place }: { leaves: readonly ChartNode[]; shape: StackShape; ctx: ChartContext; place: 'beside' | 'below' }) {
  const { rows, columns } = shape;
  return (
    <ul className={`org-stack ${place}`} data-columns={columns} style={{ '--stack-rows': rows } as CSSProperties}>
      {leaves.map((leaf) => (
        <li key={leaf.role.id} className="org-leaf">
          <Card node={leaf} ctx={ctx} />
        </li>
      ))}
    </ul>
  );
}

function Card({ node, ctx }: { node: ChartNode; ctx: ChartContext }) {
  const role = node.role;
  const holder = role.holderId ? (ctx.people.get(role.holderId) ?? null) : null;
  const pending = ctx.pending.get(role.id) ?? null;
  const ic = ctx.people.get(ctx.org.icId);
  return (
    <RoleCard
      role={role}
      holder={holder}
      icName={ic?.name ?? 'the IC'}
      reports={holder && ctx.badgeRoles.has(role.id) ? holder.directReports : null}
      icHolds={ctx.icHolds.has(role.id)}
      pending={pending}
      pendingToName={pending ? (ctx.people.get(pending.toId)?.name ?? 'someone') : ''}
      selected={ctx.selectedId === role.id}
      tabbable={ctx.tabbableId === role.id}
      online={ctx.online && holder ? ctx.online.has(holder.name.trim().toLowerCase()) : null}
      rotation={ctx.org.rotation}
      now={ctx.now}
      readOnly={ctx.readOnly}
    />
  );
}
