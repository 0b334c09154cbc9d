import { describe, expect, it } from 'vitest';
import { MAX_RELAYS, parseRelays } from '../../../src/shared/sync/relays';

describe('relay addresses from the share dialog', () => {
  it('read one per line, ignoring blank lines and repeats', () => {
    expect(parseRelays('')).toEqual({ ok: true, relays: [] });
    expect(parseRelays('  ws://192.168.1.20:4455 \n\nwss://relay.example.org/cp\nws://192.168.1.20:4455')).toEqual({
      ok: true,
      relays: ['ws://192.168.1.20:4455', 'wss://relay.example.org/cp'],
    });
  });

  it.each([
    ['http://192.168.1.20:4455'],
    ['192.168.1.20:4455'],
    ['ws://user:secret@relay.example.org'],
    ['ws://relay.example.org/?room=x'],
  ])('refuse %j, saying what an address looks like', (line) => {
    expect(parseRelays(`ws://192.168.1.20:4455\n${line}`)).toEqual({
      ok: false,
      message: `"${line}" is not a relay address: use ws://host:port, for example ws://192.168.1.20:4455.`,
    });
  });

  it(`allow at most ${MAX_RELAYS}`, () => {
    const many = Array.from({ length: MAX_RELAYS + 1 }, (_, i) => `ws://10.0.0.${i + 1}:4455`);
    expect(parseRelays(many.slice(0, MAX_RELAYS).join('\n'))).toMatchObject({ ok: true });
    expect(parseRelays(many.join('\n'))).toEqual({ ok: false, message: `At most ${MAX_RELAYS} relays.` });
  });
});
