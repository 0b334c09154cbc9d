import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import './menu-button.css';

export interface MenuChoice {
  readonly label: string;
  /** Shown under the label, and read after it: what the choice is for. */
  readonly what?: string;
  /** Why it cannot be chosen now; the item stays in the list, saying so. */
  readonly problem?: string | null;
  readonly run: () => void;
}

/**
 * A button that opens a short list of choices (the WAI-ARIA menu button):
 * Enter, Space or ↓ open it on the first choice, ↑ on the last; ↑ ↓ Home End
 * move; Enter runs one; Escape closes it and gives focus back to the
 * button, without closing a dialog it sits in; Tab or a click elsewhere
 * closes it too. Keeps rows of export and copy buttons short at phone size.
 *
 * The list is placed on the screen itself (fixed, under the button, or
 * above it when there is no room below, kept inside the window's width),
 * since the panels it opens from scroll and would cut it off; it moves
 * with its button when the page scrolls or the window changes size.
 */
export function MenuButton({ label, name, choices }: { label: string; name?: string; choices: readonly MenuChoice[] }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus({ preventScroll: true });
  }, [open, active]);
  /** Under the button, or above it when there is no room below; inside the window's width. */
  const place = () => {
    const list = menu.current;
    const anchor = button.current?.getBoundingClientRect();
    if (!list || !anchor) return;
    const margin = 8;
    const { width, height } = list.getBoundingClientRect();
    const below = anchor.bottom + 4;
    const top = below + height > window.innerHeight - margin && anchor.top - 4 - height >= margin ? anchor.top - 4 - height : below;
    list.style.top = `${top}px`;
    list.style.left = `${Math.max(margin, Math.min(anchor.left, window.innerWidth - width - margin))}px`;
  };
  useLayoutEffect(() => {
    if (open) place();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const away = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    // The page scrolling or the window changing size moves the button: the list follows it.
    document.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [open]);

  const show = (at: number) => {
    setActive(at);
    setOpen(true);
  };
  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };
  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      show(event.key === 'ArrowDown' ? 0 : choices.length - 1);
    }
  };
  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = choices.length - 1;
    const move = { ArrowDown: active === last ? 0 : active + 1, ArrowUp: active === 0 ? last : active - 1, Home: 0, End: last }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      setActive(move);
    } else if (event.key === 'Escape') {
      // Closes the menu only: neither the dialog it is in nor the view's own Escape.
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
    // Single-letter keys belong to the menu while it is open, not to the tab behind it.
    if (event.key.length === 1) event.stopPropagation();
  };
  const choose = (choice: MenuChoice) => {
    if (choice.problem) return;
    close(true);
    choice.run();
  };

  return (
    <span className="menu-button">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={name}
        onClick={() => (open ? close(false) : show(0))}
        onKeyDown={onButtonKey}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div ref={menu} id={`${id}-menu`} role="menu" aria-label={name ?? label} className="menu-button-list" onKeyDown={onMenuKey}>
          {choices.map((choice, i) => (
            <button
              key={choice.label}
              type="button"
              role="menuitem"
              tabIndex={i === active ? 0 : -1}
              aria-disabled={choice.problem ? true : undefined}
              onClick={() => choose(choice)}
              onMouseEnter={() => setActive(i)}
            >
              {/* The name is all the item shows (the label, then what it is for), as a reader sees it. */}
              <span className="menu-button-label">{choice.label}</span>
              {(choice.problem || choice.what) && <span className="menu-button-what">{choice.problem ?? choice.what}</span>}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
