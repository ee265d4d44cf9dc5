/**
 * Electron main process: one secure window, the API over IPC (sender checked, input validated by the
 * shared contract), the same core as the CLI and the browser-mode server. Kept thin: logic lives in
 * src/core. Issue 9: every web contents is locked down (no navigation away from the app, no new
 * windows, no webviews, no permissions); the database is checked and backed up before it is opened,
 * and a damaged one offers a restore from the latest backup instead of a crash.
 */
import { app, BrowserWindow, dialog, ipcMain, session, type WebContents } from 'electron';
import { join } from 'node:path';
import { listBackups, prepareDatabase, restoreBackup } from '../core/db/backup';
import { DatabaseError, type Db } from '../core/db/connection';
import { openStore } from '../core/db/store';
import { defaultDbPath } from '../core/paths';
import { createService } from '../core/service';
import type { BriefHandlers } from '../shared/api';
import { IPC_CHANNEL } from '../shared/methods';
import { handleCall } from './ipc';
import { createSecureWindow, isAllowedUrl } from './window';
import { installDownloadDialogs, installMenu, openFromArgv, trackWindowState } from './shell';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(__dirname, '../renderer/index.html');
const allowed = (url: string) => isAllowedUrl(url, devServerUrl, rendererFile);
// A packaged app keeps resources/ (demo data, templates, fonts) beside its asar.
if (app.isPackaged) process.env.BRIEF_RESOURCES ??= join(process.resourcesPath, 'resources');

/** Any web contents (the window's, and any other that might appear): app pages only, no windows, no webviews. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!allowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function createWindow(): BrowserWindow {
  const win = createSecureWindow(BrowserWindow, join(__dirname, '../preload/index.cjs'));
  lockDown(win.webContents);
  trackWindowState(win);
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererFile);
  return win;
}

/**
 * Checks (and backs up) the database, then opens it. A damaged file: offer the latest backup (the
 * damaged file is kept aside), else quit with the message; never a crash.
 */
async function openAppDatabase(path: string): Promise<Db | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await prepareDatabase(path);
      return openStore(path).db;
    } catch (err) {
      if (!(err instanceof DatabaseError)) throw err;
      const latest =
        err.code === 'corrupt' ? listBackups(path).find((b) => b.kind !== 'pre-restore') : undefined;
      if (!latest) {
        dialog.showErrorBox('简报工坊无法打开数据库', err.message);
        return null;
      }
      const choice = dialog.showMessageBoxSync({
        type: 'error',
        title: '数据库已损坏',
        message: '数据库文件已损坏。要从最近的备份恢复吗？',
        detail: `${err.message}\n\n最近的备份：${latest.file}（${latest.created.replace('T', ' ')}）。损坏的文件会改名保留。`,
        buttons: ['从最近的备份恢复', '退出'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      });
      if (choice !== 0) return null;
      try {
        await restoreBackup(path, latest);
      } catch (restoreErr) {
        dialog.showErrorBox('恢复失败', (restoreErr as Error).message);
        return null;
      }
    }
  }
  return null;
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    openFromArgv(argv);
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    installDownloadDialogs(session.defaultSession);
    installMenu();
    const db = await openAppDatabase(defaultDbPath());
    if (!db) {
      app.exit(1);
      return;
    }
    const handlers: BriefHandlers = createService(db);
    ipcMain.handle(IPC_CHANNEL, (event, method: unknown, input: unknown) =>
      handleCall(
        handlers,
        { frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame === event.sender.mainFrame },
        method,
        input,
        allowed,
      ),
    );
    const first = createWindow();
    // A file named at launch opens once the page can receive it.
    first.webContents.once('did-finish-load', () => openFromArgv(process.argv));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
    app.on('will-quit', () => db.close());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
