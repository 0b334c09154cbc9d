import { useCallback, useRef } from 'react';
import { Modal } from '../../components/Modal';
import { host } from '../../host';
import { WEB_DISCOVERY_UNAVAILABLE } from '../../host/web';
import { useUi } from '../../stores/ui';
import { JoinForm } from './JoinForm';
import { LanJoin, type LanJoinHandle } from './LanJoin';

/**
 * 'Join shared incident…'. In the desktop app, the command posts found on
 * this network come first, and the invite or short code below. Focus starts
 * in the text field, not the list, even when the list has entries: main
 * lists them a moment after the dialog opens (it asks the network only
 * while the dialog is open), and focus that jumped to the list as they
 * arrived would take the short code being typed. An arrow key from the empty
 * text field goes to the list.
 */
export function JoinDialog() {
  const lan = useRef<LanJoinHandle | null>(null);
  const textField = useRef<HTMLTextAreaElement>(null);
  const close = useCallback(() => useUi.getState().openDialog(null), []);
  const focusTextField = useCallback(() => textField.current?.focus(), []);
  return (
    <Modal
      title="Join a shared incident"
      onClose={() => {
        // Esc while asking a command post stops asking; the next Esc closes.
        if (!lan.current?.cancelAsk()) close();
      }}
    >
      {host.discovery ? (
        <LanJoin discovery={host.discovery} handle={lan} onJoined={close} focusTextField={focusTextField} />
      ) : (
        <p className="muted lan-unavailable">{WEB_DISCOVERY_UNAVAILABLE}</p>
      )}
      <JoinForm onDone={close} textField={textField} onArrowOut={() => lan.current?.focusList() ?? false} />
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
