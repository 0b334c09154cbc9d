/**
 * The postmortem's actions (each runs one of the domain's commands on the
 * open incident, and throws a CommandError with a message for the user),
 * and the Postmortem tab's UI-only state: which dialog is open, and
 * whether the draft or the replay is shown.
 */
import { create } from 'zustand';
import {
  addActionItem,
  assignPostmortemOwner,
  editPostmortemText,
  gatherFollowups,
  removeActionItem,
  replacePostmortemText,
  schedulePostmortemMeeting,
  setPostmortemLayout,
  setPostmortemPlaces,
  setPostmortemPolicy,
  setPostmortemStatus,
  startPostmortem,
  updateActionItem,
  type ActionItemInput,
  type MeetingInput,
  type PostmortemLayout,
  type PostmortemOwnerInput,
  type PostmortemSection,
  type PostmortemStatus,
  type PostmortemTextEditInput,
  type StartPostmortemInput,
  type UpdateActionItemInput,
} from '../../shared/incident';
import type { Severity } from '../../shared/ics/severity';
import { commandContext, openDoc } from './incident';

export const postmortemActions = {
  start(input: StartPostmortemInput) {
    return startPostmortem(openDoc(), input, commandContext());
  },
  assignOwner(input: PostmortemOwnerInput) {
    return assignPostmortemOwner(openDoc(), input, commandContext());
  },
  setPolicy(policy: Record<Severity, number>) {
    return setPostmortemPolicy(openDoc(), policy, commandContext());
  },
  setPlaces(input: { where: string; followupsWhere: string }) {
    return setPostmortemPlaces(openDoc(), input, commandContext());
  },
  setLayout(layout: PostmortemLayout) {
    return setPostmortemLayout(openDoc(), layout, commandContext());
  },
  setStatus(status: PostmortemStatus) {
    return setPostmortemStatus(openDoc(), status, commandContext());
  },
  scheduleMeeting(input: MeetingInput) {
    return schedulePostmortemMeeting(openDoc(), input, commandContext());
  },
  editText(input: PostmortemTextEditInput) {
    return editPostmortemText(openDoc(), input, commandContext());
  },
  replaceText(section: PostmortemSection, text: string) {
    return replacePostmortemText(openDoc(), { section, text }, commandContext());
  },
  addItem(input: ActionItemInput) {
    return addActionItem(openDoc(), input, commandContext());
  },
  updateItem(input: UpdateActionItemInput) {
    return updateActionItem(openDoc(), input, commandContext());
  },
  removeItem(id: string) {
    return removeActionItem(openDoc(), id, commandContext());
  },
  gatherFollowups() {
    return gatherFollowups(openDoc(), commandContext());
  },
};

export type PostmortemDialog = 'owner' | 'meeting' | 'export' | null;

interface PostmortemUiState {
  dialog: PostmortemDialog;
  /** The draft, or the replay of the incident for the review meeting. */
  view: 'draft' | 'replay';
  open(dialog: PostmortemDialog): void;
  show(view: 'draft' | 'replay'): void;
}

export const usePostmortemUi = create<PostmortemUiState>((set) => ({
  dialog: null,
  view: 'draft',
  open: (dialog) => set({ dialog }),
  show: (view) => set({ view }),
}));

/** The local calendar date of an instant, YYYY-MM-DD: what "today" means to the person at this machine. */
export function localYmd(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}
