import { useFocusOn } from './useFocusOn';

/** The last step's foot: Done, focused as the step appears (what the next Enter does). */
export function DoneFooter({ step, onClose }: { step: unknown; onClose: () => void }) {
  const done = useFocusOn<HTMLButtonElement>(step);
  return (
    <div className="actions">
      <button type="button" className="primary" ref={done} onClick={onClose}>
        Done
      </button>
    </div>
  );
}
