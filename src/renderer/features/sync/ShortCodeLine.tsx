/**
 * The short code, large enough to read out across a room or over a phone
 * bridge. Joiners type it in the join form; their app asks this machine's
 * signaling server for the full invite.
 */
export function ShortCodeLine({
  shortCode,
  loopbackOnly,
  onCopy,
}: {
  shortCode: string | null;
  /** The code carries a loopback address: it works only for another app on this computer. */
  loopbackOnly: boolean;
  onCopy: (code: string) => void;
}) {
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
      <small className="muted">
        {loopbackOnly
          ? 'This code names this computer’s loopback address, so it works only here. Open the signaling server to the network in Settings for others to use it.'
          : 'Works while this incident is open here and its signaling server is reachable from the joiner.'}
      </small>
    </div>
  );
}
