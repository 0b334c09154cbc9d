import { useMemo } from 'react';
import { encode } from 'uqr';

/** The QR module matrix of a link (true = dark), with a two-module quiet zone. */
export function inviteQrMatrix(link: string): boolean[][] {
  return encode(link, { ecc: 'L', border: 2 }).data;
}

/**
 * The invite link as a QR code, drawn as one SVG path from the encoder's
 * module matrix (no markup strings), dark on white with a quiet zone so
 * phone cameras read it off a dark screen.
 */
export function InviteQr({ link }: { link: string }) {
  const { path, size } = useMemo(() => {
    const data = inviteQrMatrix(link);
    let d = '';
    data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      }),
    );
    return { path: d, size: data.length };
  }, [link]);
  return (
    <svg
      className="invite-qr"
      role="img"
      aria-label="QR code of the invite link"
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      width={Math.max(160, size * 4)}
      height={Math.max(160, size * 4)}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
