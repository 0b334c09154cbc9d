import { Modal } from '../../components/Modal';
import { host } from '../../host';
import { useUi } from '../../stores/ui';
import { NameSettings } from '../identity/NameSettings';
import { BrowserSignalingInfo } from './BrowserSignalingInfo';
import { DiscoverySettings } from './DiscoverySettings';
import { HotkeySettings } from './HotkeySettings';
import { SingleKeySetting } from './SingleKeySetting';
import { SignalingSettingsForm } from './SignalingSettingsForm';
import { ThemeSetting } from './ThemeSetting';
import { UpdateSettings } from './UpdateSettings';

/**
 * This machine's settings (Ctrl+, or the Settings button): who is at the
 * keyboard, the hotkeys
 * (global in the desktop app, in-page in a browser), then the signaling
 * server, finding command posts on this network and where updates come
 * from: switches where the host runs them (the desktop app), and how to
 * run `npm run signal` where it does not (a browser).
 */
export function SettingsDialog() {
  const close = () => useUi.getState().openDialog(null);
  return (
    <Modal title="Settings" onClose={close}>
      <NameSettings />
      <SingleKeySetting />
      <ThemeSetting />
      <HotkeySettings control={host.hotkeys} />
      {/* Before the signaling form, whose Close button ends the dialog. */}
      {host.discovery && <DiscoverySettings control={host.discovery} />}
      {host.updates && <UpdateSettings control={host.updates} />}
      {host.signaling ? <SignalingSettingsForm control={host.signaling} onClose={close} /> : <BrowserSignalingInfo onClose={close} />}
    </Modal>
  );
}
