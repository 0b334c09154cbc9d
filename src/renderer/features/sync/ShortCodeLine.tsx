/**
 * The short code, large enough to read out across a room or over a phone
 * bridge. Joiners type it in the join form; their app asks this machine's
 * signaling server for the full invite.
 */
export function ShortCodeLine({ shortCode, onCopy }: { shortCode: string | null; onCopy: (code: string) => void }) {
  if (!shortCode) {
    return (
      <p className="muted" role="note">
        No short code: it needs a signaling address written as an IPv4 address and port (such as ws://192.168.1.20:4444).
        Use the invite code, link or QR code below.
      </p>
    );
  }
  const groups = shortCode.split('-');
  return (
    <div className="short-code">
      <span className="short-code-label" id="short-code-label">
        Short code to read out
      </span>
      <output className="short-code-value" aria-labelledby="short-code-label" data-code={shortCode}>
        {groups.map((group, i) => (
          <span key={i}>{group}</span>
        ))}
      </output>
      <button type="button" onClick={() => onCopy(shortCode)}>
        Copy short code
      </button>
      <small className="muted">Works while this incident is open here and its signaling server is reachable from the joiner.</small>
    </div>
  );
}
