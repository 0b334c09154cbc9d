import { useEffect } from 'react';
import { matchesEvent } from '../../../shared/hotkeys/accelerator';
import { loadHotkeys, useHotkeys } from '../../stores/hotkeys';
import { runHotkeyAction } from './run-action';
import { usePublishCaptureTarget } from './target';

/**
 * The hotkeys inside the page: every one in a browser, and in the desktop
 * app those the system could not register (the rest arrive from main as
 * intents). Listened for in the capture phase, so a chord works from any
 * field, and acted on before the field sees the keys. A field that records
 * a key in Settings is left alone.
 */
export function useHotkeyChords(): void {
  usePublishCaptureTarget();
  useEffect(() => {
    void loadHotkeys();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      if (!(event.ctrlKey || event.metaKey || event.altKey)) return;
      const { status, chords } = useHotkeys.getState();
      if (!status || !chords.length) return;
      if (event.target instanceof Element && event.target.closest('[data-key-recorder]')) return;
      const chord = chords.find((c) => matchesEvent(c.accelerator, event, status.platform));
      if (!chord) return;
      event.preventDefault();
      event.stopPropagation();
      runHotkeyAction(chord.action, Date.now());
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
