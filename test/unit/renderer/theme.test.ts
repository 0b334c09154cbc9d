import { describe, expect, it } from 'vitest';
import { parseThemeChoice } from '../../../src/renderer/stores/theme';

describe('the stored theme choice', () => {
  it('keeps each of the three choices', () => {
    expect(parseThemeChoice('light')).toBe('light');
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(parseThemeChoice('system')).toBe('system');
  });
  it('follows the OS when nothing, or nothing it knows, is stored', () => {
    expect(parseThemeChoice(null)).toBe('system');
    expect(parseThemeChoice('Dark')).toBe('system');
    expect(parseThemeChoice('<img src=x>')).toBe('system');
  });
});
