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
          {notice.action && (
            <button
              type="button"
              className="notice-action"
              onClick={() => {
                dismissNotice(notice.id);
                notice.action!.run();
              }}
            >
              {notice.action.label}
            </button>
          )}
          <button aria-label="Dismiss notice" onClick={() => dismissNotice(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
