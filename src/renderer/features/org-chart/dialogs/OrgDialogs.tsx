import type { OrgChart } from '../../../../shared/incident/org-chart';
import { useOrgUi } from '../../../stores/org-ui';
import type { ResponderSections } from '../responders';
import { AcknowledgeDialog } from './AcknowledgeDialog';
import { AssignDialog } from './AssignDialog';
import { CheckInDialog } from './CheckInDialog';
import { HandoverDialog } from './HandoverDialog';
import { MoveDialog } from './MoveDialog';
import { ReleaseDialog } from './ReleaseDialog';
import { RoleDetailsDialog } from './RoleDetailsDialog';

/** The org dialog that is open, if any; a read-only incident opens only the role details. */
export function OrgDialogs({ org, sections, readOnly }: { org: OrgChart; sections: ResponderSections; readOnly: boolean }) {
  const dialog = useOrgUi((s) => s.dialog);
  if (!dialog) return null;
  if (dialog.kind === 'role') return <RoleDetailsDialog key={dialog.roleId} org={org} roleId={dialog.roleId} readOnly={readOnly} />;
  if (readOnly) return null;
  switch (dialog.kind) {
    case 'check-in':
      return <CheckInDialog />;
    case 'assign':
      return <AssignDialog key={JSON.stringify(dialog)} org={org} sections={sections} {...dialog} />;
    case 'move':
      return <MoveDialog key={dialog.roleId} org={org} roleId={dialog.roleId} />;
    case 'handover':
      return <HandoverDialog key={JSON.stringify(dialog)} org={org} sections={sections} roleId={dialog.roleId} toId={dialog.toId} />;
    case 'acknowledge':
      return <AcknowledgeDialog key={dialog.handoverId} org={org} handoverId={dialog.handoverId} />;
    case 'release':
      return <ReleaseDialog key={dialog.responderId} org={org} responderId={dialog.responderId} />;
  }
}
