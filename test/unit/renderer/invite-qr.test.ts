import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { inviteQrMatrix } from '../../../src/renderer/features/sync/InviteQr';
import { encodeInvite, inviteLink, secretFromBytes } from '../../../src/shared/sync/invite';

/** Renders a module matrix as RGBA pixels, as a camera would see the screen. */
function toImage(matrix: boolean[][], scale = 4) {
  const size = matrix.length * scale;
  const pixels = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = matrix[Math.floor(y / scale)]![Math.floor(x / scale)] ? 0 : 255;
      pixels.set([v, v, v, 255], (y * size + x) * 4);
    }
  }
  return { pixels, size };
}

describe('the invite QR code', () => {
  it('decodes back to the invite link, which joins the incident', () => {
    const code = encodeInvite({
      incidentId: '3f1c2a4e-1111-4222-8333-444455556666',
      name: '26-Bravo',
      secret: secretFromBytes(new Uint8Array(16).fill(7)),
      signaling: ['ws://192.168.1.20:4444', 'ws://192.168.1.21:4444'],
    });
    const link = inviteLink('http://192.168.1.20:4173/', code);
    const { pixels, size } = toImage(inviteQrMatrix(link));
    const read = jsQR(pixels, size, size);
    expect(read?.data).toBe(link);
  });
});
