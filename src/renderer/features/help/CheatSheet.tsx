import { keySections } from '../../app/keymap';
import { Modal } from '../../components/Modal';
import { useHotkeys } from '../../stores/hotkeys';
import { useUi } from '../../stores/ui';
import { keyPlatformOf } from '../../../shared/hotkeys/accelerator';

/** Every key of the app (`?`), from src/renderer/app/keymap.ts. */
export function CheatSheet() {
  const hotkeys = useHotkeys((s) => s.status);
  const platform = hotkeys?.platform ?? keyPlatformOf(navigator.platform);
  const close = () => useUi.getState().openDialog(null);
  return (
    <Modal title="Keyboard shortcuts" onClose={close} wide>
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
