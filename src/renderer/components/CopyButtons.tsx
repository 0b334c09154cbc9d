import { useEffect, useRef, useState } from 'react';
import { formatUpdate, UPDATE_FORMAT_LABELS, type UpdateFormat } from '../../shared/report/update-formats';
import { copyText } from './copy';
import { MenuButton } from './MenuButton';
import './copy-buttons.css';

/**
 * "Copy text" and "Copy Markdown", one click each, and the chat tools'
 * own markups (Slack mrkdwn, Microsoft Teams text) in a small menu beside
 * them ("Copy for chat"; its name starts with what it shows, as the other
 * two's do); then a line that says what was copied (announced to screen
 * readers), since a clipboard gives no sign of its own. A drill's update
 * is copied with a line that says it is a drill, in every format.
 */
export function CopyButtons({ text, what, drill }: { text: string; what: string; drill: boolean }) {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const copy = async (format: UpdateFormat) => {
    const ok = text.trim() !== '' && (await copyText(formatUpdate(text, format, { drill })));
    setMessage(ok ? `Copied ${what} as ${UPDATE_FORMAT_LABELS[format]}.` : text.trim() ? 'Could not copy: select the text and press Ctrl+C.' : 'Nothing to copy yet.');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(''), 4000);
  };
  return (
    <span className="copy-buttons">
      <button type="button" onClick={() => void copy('text')} aria-label={`Copy text of ${what}`}>
        Copy text
      </button>
      <button type="button" onClick={() => void copy('markdown')} aria-label={`Copy Markdown of ${what}`}>
        Copy Markdown
      </button>
      <MenuButton
        label="Copy for chat"
        name={`Copy for chat: ${what}`}
        choices={[
          { label: 'Slack (mrkdwn)', what: 'for a Slack webhook, workflow or app', run: () => void copy('slack') },
          { label: 'Microsoft Teams', what: 'Markdown as Teams renders it', run: () => void copy('teams') },
        ]}
      />
      <span className="copy-message" role="status">
        {message}
      </span>
    </span>
  );
}
