import { keySections } from '../../app/keymap';
import { Modal } from '../../components/Modal';
import { useHotkeys } from '../../stores/hotkeys';
import { useUi } from '../../stores/ui';
import { useKeyPrefs } from '../../stores/key-prefs';
import { paletteKeys } from '../../components/keys/palette-key';
import { keyPlatformOf } from '../../../shared/hotkeys/accelerator';

/** Every key of the app (`?`), from src/renderer/app/keymap.ts. */
export function CheatSheet() {
  const hotkeys = useHotkeys((s) => s.status);
  const platform = hotkeys?.platform ?? keyPlatformOf(navigator.platform);
  const close = () => useUi.getState().openDialog(null);
  const singleKeys = useKeyPrefs((s) => s.singleKeys);
  return (
    <Modal title="Keyboard shortcuts" onClose={close} wide>
      {!singleKeys && (
        <p className="notice warning" role="note">
          Single-key shortcuts are turned off (Settings): the letters, digits and signs below do nothing on their own. Keys with Ctrl, Alt or Cmd,
          and Enter, Escape and the arrows, still work; {paletteKeys(platform)} finds every action by name.
        </p>
      )}
      {/* It scrolls on a small screen: focusable, so the arrow keys scroll it without a mouse. */}
      <div className="cheat-sheet" tabIndex={0} role="region" aria-label="All keys">
        {keySections(hotkeys, platform).map((section) => (
          <section key={section.title} aria-label={section.title}>
            <h3>{section.title}</h3>
            {section.note && <p className="muted">{section.note}</p>}
            <dl>
              {section.entries.map((entry) => (
                <div key={`${entry.keys} ${entry.what}`} className="cheat-row">
                  <dt>
                    <kbd>{entry.keys}</kbd>
                  </dt>
                  <dd>{entry.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="actions">
        <button type="button" onClick={close} data-autofocus>
          Close
        </button>
      </div>
    </Modal>
  );
}
