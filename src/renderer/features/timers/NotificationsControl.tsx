import { useState } from 'react';
import { host } from '../../host';

/**
 * Whether this machine shows OS notifications for due deadlines, and the
 * button that asks for permission (browsers only ask on a user gesture).
 */
export function NotificationsControl() {
  const [permission, setPermission] = useState(() => host.notificationsPermission());
  if (permission === 'granted') return <span className="muted">Notifications on for your deadlines</span>;
  if (permission === 'unsupported') return <span className="muted">This browser cannot show notifications</span>;
  if (permission === 'denied') return <span className="muted">Notifications are blocked in this browser’s site settings</span>;
  return (
    <button type="button" onClick={() => void host.enableNotifications().then(setPermission)}>
      Turn on notifications
    </button>
  );
}
