/**
 * The window's size and position remembered between runs (issue 7), as pure functions over the list
 * of displays (what Electron's `screen.getAllDisplays()` gives), plus a JSON file in the app's data
 * folder and a debounced saver. No Electron here: a test passes the displays and the clock.
 *
 * A stored position is used only if enough of the window would be visible on a display that exists
 * now (a monitor unplugged since, a changed resolution): otherwise the window is centred on the
 * primary display, and never larger than its work area.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Display {
  /** The display without the taskbar/dock. */
  workArea: Rect;
  primary?: boolean;
}

export interface WindowState {
  /** Absent: let the system place the window (centred). */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
  fullScreen?: boolean;
}

export interface SizeLimits {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** The sizes createSecureWindow opens with (window.ts). */
export const DEFAULT_SIZE: SizeLimits = { width: 1280, height: 860, minWidth: 960, minHeight: 640 };

/** How much of the title bar must be on a display for a stored position to be kept. */
const MIN_VISIBLE = { width: 200, height: 40 };

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A stored state, checked; null when it is not one (missing, damaged, hand-edited). */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!isNum(r.width) || !isNum(r.height) || r.width <= 0 || r.height <= 0) return null;
  const state: WindowState = {
    width: Math.round(r.width),
    height: Math.round(r.height),
    maximized: r.maximized === true,
  };
  if (r.fullScreen === true) state.fullScreen = true;
  if (isNum(r.x) && isNum(r.y)) {
    state.x = Math.round(r.x);
    state.y = Math.round(r.y);
  }
  return state;
}

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function primaryOf(displays: readonly Display[]): Display | undefined {
  return displays.find((d) => d.primary) ?? displays[0];
}

/**
 * Where the window opens: the stored state fitted to the displays present now. Without a usable
 * stored state, the default size, centred on the primary display.
 */
export function clampToDisplays(
  state: WindowState | null,
  displays: readonly Display[],
  limits: SizeLimits = DEFAULT_SIZE,
): WindowState {
  const primary = primaryOf(displays);
  const wanted = state ?? { width: limits.width, height: limits.height, maximized: false };
  if (!primary) return { ...wanted };

  const fit = (area: Rect) => ({
    width: Math.max(Math.min(wanted.width, area.width), Math.min(limits.minWidth, area.width)),
    height: Math.max(Math.min(wanted.height, area.height), Math.min(limits.minHeight, area.height)),
  });
  const centred = (area: Rect): WindowState => {
    const size = fit(area);
    return {
      ...wanted,
      ...size,
      x: Math.round(area.x + (area.width - size.width) / 2),
      y: Math.round(area.y + (area.height - size.height) / 2),
    };
  };

  if (wanted.x === undefined || wanted.y === undefined) return centred(primary.workArea);

  // The display holding the title bar's middle, else the one the window overlaps most.
  const rect: Rect = { x: wanted.x, y: wanted.y, width: wanted.width, height: wanted.height };
  const titleBar: Rect = { x: rect.x, y: rect.y, width: rect.width, height: MIN_VISIBLE.height };
  let best: Display | undefined;
  let bestArea = 0;
  for (const d of displays) {
    const i = intersection(titleBar, d.workArea);
    if (
      i.width >= Math.min(MIN_VISIBLE.width, rect.width) &&
      i.height >= Math.min(MIN_VISIBLE.height, rect.height)
    ) {
      const overlap = intersection(rect, d.workArea);
      if (overlap.width * overlap.height > bestArea || !best) {
        best = d;
        bestArea = overlap.width * overlap.height;
      }
    }
  }
  if (!best) return centred(primary.workArea);

  // Keep the position, shrunk to the display and moved fully onto it.
  const area = best.workArea;
  const size = fit(area);
  const x = Math.min(Math.max(rect.x, area.x), area.x + area.width - size.width);
  const y = Math.min(Math.max(rect.y, area.y), area.y + area.height - size.height);
  return { ...wanted, ...size, x, y };
}

/** The stored state in `file`, or null. */
export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Writes the state through a temporary file; a failure is ignored (it is only a convenience). */
export function saveWindowState(file: string, state: WindowState): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(state, null, 2));
    renameSync(tmp, file);
    return true;
  } catch {
    return false;
  }
}

/** What the saver reads from the window: Electron's BrowserWindow has all of these. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
}

/** The state to store: the normal (unmaximized) bounds, so un-maximizing next time restores them. */
export function stateOf(win: TrackedWindow): WindowState {
  const b = win.getNormalBounds();
  const state: WindowState = {
    x: b.x,
    y: b.y,
    width: b.width,
    height: b.height,
    maximized: win.isMaximized(),
  };
  if (win.isFullScreen()) state.fullScreen = true;
  return state;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * A debounced save: `schedule()` on every move or resize writes once, `delay` ms after the last one;
 * `flush()` (on close) writes now if anything is pending.
 */
export function debouncedSaver(
  save: () => void,
  delay = 500,
  timers: Timers = {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): { schedule(): void; flush(): void; cancel(): void } {
  let handle: unknown = null;
  const run = () => {
    handle = null;
    save();
  };
  return {
    schedule() {
      if (handle !== null) timers.clearTimeout(handle);
      handle = timers.setTimeout(run, delay);
    },
    flush() {
      if (handle === null) return;
      timers.clearTimeout(handle);
      run();
    },
    cancel() {
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
  };
}
