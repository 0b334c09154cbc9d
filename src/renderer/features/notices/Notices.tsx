import { dismissNotice, useNotices } from '../../stores/notices';

/** Things the user must read: damaged data, failed saves, refused commands. */
export function Notices() {
  const notices = useNotices((s) => s.notices);
  if (!notices.length) return null;
  return (
    <div className="notices" aria-label="Notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice ${notice.tone}`} role={notice.tone === 'info' ? 'status' : 'alert'}>
          <span>{notice.message}</span>
          <button aria-label="Dismiss notice" onClick={() => dismissNotice(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
