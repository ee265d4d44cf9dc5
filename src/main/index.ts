/**
 * Electron main process: one secure window, the API over IPC (validated by the shared contract),
 * the same core as the CLI and the browser-mode server. Kept thin: logic lives in src/core.
 */
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { openStore } from '../core/db/store';
import { defaultDbPath } from '../core/paths';
import { createService } from '../core/service';
import { dispatch, type BriefHandlers } from '../shared/api';
import { IPC_CHANNEL } from '../shared/methods';
import { toApiError } from '../server/server';
import { isAllowedUrl, windowOptions } from './window';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
// A packaged app keeps resources/ (demo data, templates, fonts) beside its asar.
if (app.isPackaged) process.env.BRIEF_RESOURCES ??= join(process.resourcesPath, 'resources');

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(join(__dirname, '../preload/index.cjs')));
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedUrl(url, devServerUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:/.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(join(__dirname, '../renderer/index.html'));
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    const { db } = openStore(defaultDbPath());
    const handlers: BriefHandlers = createService(db);
    ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown) => {
      // Only our own window's top frame may call the API.
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isAllowedUrl(frameUrl, devServerUrl) || event.senderFrame !== event.sender.mainFrame) {
        return { error: { code: 'bad-request', message: '拒绝来自未知页面的请求' } };
      }
      try {
        return { result: await dispatch(handlers, method, input) };
      } catch (err) {
        const e = toApiError(err);
        return { error: { code: e.code, message: e.message } };
      }
    });
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
    app.on('will-quit', () => db.close());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
