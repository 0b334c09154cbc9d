import { CloseFooter } from '../../../components/CloseFooter';
import { Modal } from '../../../components/Modal';

/**
 * What a dialog shows when what it was opened on went away meanwhile: a peer
 * stood the role down, or the handover was cancelled or settled elsewhere.
 */
export function NoLongerThere({ title, what, onClose }: { title: string; what: string; onClose: () => void }) {
  return (
    <Modal title={title} onClose={onClose}>
      <p>{what} is no longer part of this incident.</p>
      <CloseFooter onClose={onClose} autoFocus />
    </Modal>
  );
}
