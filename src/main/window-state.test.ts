import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  clampToDisplays,
  debouncedSaver,
  DEFAULT_SIZE,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  stateOf,
  type Display,
} from './window-state';

const laptop: Display = { workArea: { x: 0, y: 0, width: 1920, height: 1040 }, primary: true };
const right: Display = { workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };
const small: Display = { workArea: { x: 0, y: 0, width: 1366, height: 728 }, primary: true };

describe('window state', () => {
  it('opens at the default size, centred on the primary display, the first time', () => {
    expect(clampToDisplays(null, [right, laptop])).toEqual({
      width: 1280,
      height: 860,
      maximized: false,
      x: 320,
      y: 90,
    });
  });

  it('keeps a stored position that is on a display, on the second monitor too', () => {
    const s = { x: 2100, y: 100, width: 1400, height: 900, maximized: false };
    expect(clampToDisplays(s, [laptop, right])).toEqual(s);
    const m = { x: 100, y: 50, width: 1000, height: 700, maximized: true };
    expect(clampToDisplays(m, [laptop])).toEqual(m);
  });

  it('centres the window on the primary display when its monitor is gone', () => {
    const s = { x: 2100, y: 100, width: 1400, height: 900, maximized: false };
    expect(clampToDisplays(s, [laptop])).toEqual({
      x: 260,
      y: 70,
      width: 1400,
      height: 900,
      maximized: false,
    });
  });

  it('shrinks to a smaller screen (not below the minimum the screen allows) and moves fully onto it', () => {
    const s = { x: 600, y: 300, width: 1800, height: 1000, maximized: false };
    expect(clampToDisplays(s, [small])).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false });
    const partly = { x: 1000, y: 500, width: 1000, height: 700, maximized: false };
    expect(clampToDisplays(partly, [small])).toEqual({
      x: 366,
      y: 28,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('needs the title bar on a display: a window above the top edge is brought back', () => {
    const s = { x: 100, y: -500, width: 1000, height: 700, maximized: false };
    expect(clampToDisplays(s, [laptop])).toMatchObject({ x: 460, y: 170 });
  });

  it('without displays (headless), keeps what it has', () => {
    expect(clampToDisplays(null, [])).toEqual({
      width: DEFAULT_SIZE.width,
      height: DEFAULT_SIZE.height,
      maximized: false,
    });
  });

  it('reads only a well-formed state', () => {
    expect(parseWindowState({ x: 10.4, y: 20, width: 1000.6, height: 700, maximized: true })).toEqual({
      x: 10,
      y: 20,
      width: 1001,
      height: 700,
      maximized: true,
    });
    expect(parseWindowState({ width: 800, height: 600, x: 'a' })).toEqual({
      width: 800,
      height: 600,
      maximized: false,
    });
    expect(parseWindowState({ width: -1, height: 600 })).toBeNull();
    expect(parseWindowState({ width: Infinity, height: 600 })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState('x')).toBeNull();
  });

  it('is saved to and loaded from a JSON file; a missing or damaged file means none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-ws-'));
    const file = join(dir, 'deep', 'window-state.json');
    expect(loadWindowState(file)).toBeNull();
    const s = { x: 5, y: 6, width: 1100, height: 800, maximized: false };
    expect(saveWindowState(file, s)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(s);
    expect(loadWindowState(file)).toEqual(s);
    writeFileSync(file, '{');
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(join(dir, 'f'), '');
    expect(saveWindowState(join(dir, 'f', 'x.json'), s)).toBe(false);
  });

  it('stores the normal bounds of a maximized window, so un-maximizing restores them', () => {
    const win = {
      getNormalBounds: () => ({ x: 1, y: 2, width: 1000, height: 700 }),
      isMaximized: () => true,
      isFullScreen: () => false,
    };
    expect(stateOf(win)).toEqual({ x: 1, y: 2, width: 1000, height: 700, maximized: true });
    expect(stateOf({ ...win, isFullScreen: () => true }).fullScreen).toBe(true);
  });

  it('saves once after moving and resizing stop, and at once on flush', () => {
    vi.useFakeTimers();
    try {
      const save = vi.fn();
      const saver = debouncedSaver(save, 500);
      for (let i = 0; i < 20; i++) {
        saver.schedule();
        vi.advanceTimersByTime(100);
      }
      expect(save).not.toHaveBeenCalled();
      vi.advanceTimersByTime(500);
      expect(save).toHaveBeenCalledTimes(1);
      saver.flush();
      expect(save).toHaveBeenCalledTimes(1);
      saver.schedule();
      saver.flush();
      expect(save).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(1000);
      expect(save).toHaveBeenCalledTimes(2);
      saver.schedule();
      saver.cancel();
      vi.advanceTimersByTime(1000);
      expect(save).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
