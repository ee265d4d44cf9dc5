/**
 * The desktop shell around the window (issue 7), the only part that needs Electron at run time and so
 * cannot run here: it joins the tested pure pieces (menu.ts, dialogs.ts, recent.ts, window-state.ts)
 * to Electron's Menu, dialog, screen and session. Kept to wiring; each decision lives in those files.
 */
import { app, BrowserWindow, dialog, Menu, screen, shell, type Session } from 'electron';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MENU_CHANNEL, type MenuEvent } from '../shared/methods';
import { fileFromArgv, openAnyDialog, openKindOf, saveDialogForDownload } from './dialogs';
import { menuTemplate } from './menu';
import { fileExists, recentStore, type RecentStore } from './recent';
import {
  clampToDisplays,
  debouncedSaver,
  loadWindowState,
  saveWindowState,
  stateOf,
  type WindowState,
} from './window-state';

/** The page takes files up to 40 MB (base64 makes them a third larger). */
const MAX_OPEN_BYTES = 40 * 1024 * 1024;

let recent: RecentStore | null = null;
let lastFolder: string | undefined;

function target(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
}

function send(event: MenuEvent): void {
  target()?.webContents.send(MENU_CHANNEL, event);
}

function rebuildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          send: (command) => send({ command }),
          open: () => void openWithDialog(),
          openRecent: (path) => openFile(path),
          clearRecent: () => {
            recent?.clear();
            rebuildMenu();
          },
          about: () => {
            const win = target();
            const options = {
              type: 'info' as const,
              title: '关于简报工坊',
              message: `简报工坊 ${app.getVersion()}`,
              detail: '指标数据 · 数据绑定简报 · 公文格式导出',
              buttons: ['确定'],
            };
            void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
          },
        },
        process.platform,
        recent?.list() ?? [],
      ),
    ),
  );
}

/** Reads a chosen file and hands its bytes (never its path) to the page. */
function openFile(path: string): void {
  try {
    if (!openKindOf(path)) throw new Error('只能打开 .txt、.docx、.csv 或 .xlsx 文件');
    const size = statSync(path).size;
    if (size > MAX_OPEN_BYTES) throw new Error('文件过大：单个文件不超过 40 MB');
    const base64 = readFileSync(path).toString('base64');
    recent?.add(path);
    lastFolder = dirname(path);
    send({ command: 'open', file: { name: basename(path), base64 } });
  } catch (err) {
    recent?.remove(path);
    dialog.showErrorBox('无法打开文件', `${path}\n\n${(err as Error).message}`);
  }
  rebuildMenu();
}

/** A file named on the command line (first launch, or a second launch forwarded here). */
export function openFromArgv(argv: readonly string[]): void {
  const file = fileFromArgv(argv);
  if (file) openFile(file);
}

async function openWithDialog(): Promise<void> {
  const win = target();
  const options = openAnyDialog(lastFolder);
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  if (!r.canceled && r.filePaths[0]) openFile(r.filePaths[0]);
}

/** The application menu and the recent files (call once the app is ready). */
export function installMenu(): void {
  recent = recentStore(join(app.getPath('userData'), 'recent-files.json'), { exists: fileExists });
  rebuildMenu();
}

/** Exports reach the user as downloads: ask where to save each, with the dialog's Chinese options. */
export function installDownloadDialogs(session: Session): void {
  session.on('will-download', (_event, item) => {
    item.setSaveDialogOptions(saveDialogForDownload(item.getFilename(), lastFolder));
    item.once('done', (_e, state) => {
      if (state !== 'completed') return;
      lastFolder = dirname(item.getSavePath());
      // Issue 7: "open the folder when done" — show the exported file in its folder.
      if (/\.docx$/i.test(item.getSavePath())) shell.showItemInFolder(item.getSavePath());
    });
  });
}

const stateFile = () => join(app.getPath('userData'), 'window-state.json');

/** Where the window should open: last run's bounds, fitted to the displays present now. */
export function initialWindowState(): WindowState {
  const primary = screen.getPrimaryDisplay().id;
  const displays = screen.getAllDisplays().map((d) => ({ workArea: d.workArea, primary: d.id === primary }));
  return clampToDisplays(loadWindowState(stateFile()), displays);
}

/** Applies the remembered bounds and saves them (debounced) as the window moves and resizes. */
export function trackWindowState(win: BrowserWindow, state: WindowState = initialWindowState()): void {
  if (state.x !== undefined && state.y !== undefined)
    win.setBounds({ x: state.x, y: state.y, width: state.width, height: state.height });
  else win.setSize(state.width, state.height);
  if (state.maximized) win.maximize();
  if (state.fullScreen) win.setFullScreen(true);
  const saver = debouncedSaver(() => {
    if (!win.isDestroyed() && !win.isMinimized()) saveWindowState(stateFile(), stateOf(win));
  });
  for (const e of [
    'resize',
    'move',
    'maximize',
    'unmaximize',
    'enter-full-screen',
    'leave-full-screen',
  ] as const)
    win.on(e as 'resize', () => saver.schedule());
  win.on('close', () => {
    saver.cancel();
    if (!win.isMinimized()) saveWindowState(stateFile(), stateOf(win));
  });
}
