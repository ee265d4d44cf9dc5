import { describe, expect, it } from 'vitest';
import {
  createSecureWindow,
  isAllowedUrl,
  secureWebPreferences,
  windowOptions,
  type WindowOptions,
} from './window';

describe('the window', () => {
  it('is context-isolated and sandboxed, with no Node in the page', () => {
    const prefs = windowOptions('/app/preload.js').webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
    });
    expect(secureWebPreferences('/p').preload).toBe('/p');
  });

  it('is created with exactly those options (what Electron’s BrowserWindow receives)', () => {
    const seen: WindowOptions[] = [];
    class FakeWindow {
      constructor(options: WindowOptions) {
        seen.push(options);
      }
    }
    expect(createSecureWindow(FakeWindow, '/app/preload.cjs')).toBeInstanceOf(FakeWindow);
    expect(seen).toEqual([windowOptions('/app/preload.cjs')]);
  });

  it('navigates only to the app itself', () => {
    expect(isAllowedUrl('file:///app/out/renderer/index.html', undefined)).toBe(true);
    expect(isAllowedUrl('https://example.com/', undefined)).toBe(false);
    expect(isAllowedUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAllowedUrl('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
    expect(isAllowedUrl('javascript:alert(1)', undefined)).toBe(false);
    expect(isAllowedUrl('not a url', undefined)).toBe(false);
  });

  it('with the app’s file given, no other local file (a dropped or linked .html) may load', () => {
    const app = '/opt/简报工坊/resources/app.asar/out/renderer/index.html';
    expect(isAllowedUrl(`file://${encodeURI(app)}`, undefined, app)).toBe(true);
    expect(isAllowedUrl(`file://${encodeURI(app)}#/documents`, undefined, app)).toBe(true);
    expect(isAllowedUrl('file:///home/user/Downloads/evil.html', undefined, app)).toBe(false);
    expect(
      isAllowedUrl('file:///opt/简报工坊/resources/app.asar/out/renderer/../../x.html', undefined, app),
    ).toBe(false);
    const win =
      'C:\\Users\\王\\AppData\\Local\\Programs\\brief-studio\\resources\\app.asar\\out\\renderer\\index.html';
    expect(isAllowedUrl(`file:///${encodeURI(win.replace(/\\/g, '/'))}`, undefined, win)).toBe(true);
    expect(isAllowedUrl('file:///C:/Users/王/evil.html', undefined, win)).toBe(false);
  });
});
