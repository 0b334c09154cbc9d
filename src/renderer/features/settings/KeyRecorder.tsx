import { useEffect, useRef, type KeyboardEvent } from 'react';
import { acceleratorFromEvent, ariaKeyShortcut, formatAccelerator, type KeyPlatform } from '../../../shared/hotkeys/accelerator';

/**
 * A field that records a key combination: focus it and press the keys.
 * Tab and Shift+Tab move on and Escape closes the dialog as usual;
 * Backspace or Delete on their own clear the key. While it has focus the
 * global hotkeys are suspended (the system would take the keys otherwise).
 */
export function KeyRecorder({
  label,
  accelerator,
  platform,
  describedBy,
  invalid,
  onRecord,
  onRefused,
  onSuspend,
}: {
  label: string;
  accelerator: string;
  platform: KeyPlatform;
  describedBy: string;
  invalid: boolean;
  onRecord(accelerator: string): void;
  onRefused(message: string): void;
  onSuspend(suspended: boolean): void;
}) {
  const suspended = useRef(false);
  const suspend = (value: boolean) => {
    if (suspended.current === value) return;
    suspended.current = value;
    onSuspend(value);
  };
  // A dialog closed while the field had focus never blurs it.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => () => suspend(false), []);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const modified = event.ctrlKey || event.metaKey || event.altKey;
    if (!modified && (event.key === 'Tab' || event.key === 'Escape')) return;
    event.preventDefault();
    event.stopPropagation();
    if (!modified && !event.shiftKey && (event.key === 'Backspace' || event.key === 'Delete')) return onRecord('');
    const recorded = acceleratorFromEvent(event.nativeEvent, platform);
    if (recorded.kind === 'chord') onRecord(recorded.accelerator);
    else if (recorded.kind === 'refused') onRefused(recorded.message);
  }

  return (
    <input
      className="key-recorder"
      readOnly
      data-key-recorder=""
      aria-label={`Key for ${label}`}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      aria-keyshortcuts={accelerator ? ariaKeyShortcut(accelerator, platform) : undefined}
      value={accelerator ? formatAccelerator(accelerator, platform) : 'None'}
      onFocus={() => suspend(true)}
      onBlur={() => suspend(false)}
      onKeyDown={onKeyDown}
    />
  );
}
