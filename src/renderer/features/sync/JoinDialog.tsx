import { Modal } from '../../components/Modal';
import { useUi } from '../../stores/ui';
import { JoinForm } from './JoinForm';

export function JoinDialog() {
  const close = () => useUi.getState().openDialog(null);
  return (
    <Modal title="Join a shared incident" onClose={close}>
      <JoinForm onDone={close} />
    </Modal>
  );
}

/** The page a shared link opens: the same form, filled in. */
export function JoinView({ code }: { code: string }) {
  return (
    <section className="join-view" aria-label="Join a shared incident">
      <h1>Join a shared incident</h1>
      <JoinForm initialCode={code} />
    </section>
  );
}
