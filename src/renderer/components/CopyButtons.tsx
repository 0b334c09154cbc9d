import { useEffect, useRef, useState } from 'react';
import { toMarkdown } from '../../shared/report/updates';
import { copyText } from './copy';
import './copy-buttons.css';

/**
 * "Copy as text" and "Copy as Markdown": one click each, and a line that
 * says what happened (announced to screen readers), since a clipboard
 * gives no sign of its own.
 */
export function CopyButtons({ text, what }: { text: string; what: string }) {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const copy = async (markdown: boolean) => {
    const ok = text.trim() !== '' && (await copyText(markdown ? toMarkdown(text) : text));
    setMessage(ok ? `Copied ${what} as ${markdown ? 'Markdown' : 'plain text'}.` : text.trim() ? 'Could not copy: select the text and press Ctrl+C.' : 'Nothing to copy yet.');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(''), 4000);
  };
  return (
    <span className="copy-buttons">
      <button type="button" onClick={() => void copy(false)} aria-label={`Copy text of ${what}`}>
        Copy text
      </button>
      <button type="button" onClick={() => void copy(true)} aria-label={`Copy Markdown of ${what}`}>
        Copy Markdown
      </button>
      <span className="copy-message" role="status">
        {message}
      </span>
    </span>
  );
}
