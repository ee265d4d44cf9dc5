import { describe, expect, it } from 'vitest';
import { isAllowedUrl, secureWebPreferences, windowOptions } from './window';

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
    });
    expect(secureWebPreferences('/p').preload).toBe('/p');
  });

  it('navigates only to the app itself', () => {
    expect(isAllowedUrl('file:///app/out/renderer/index.html', undefined)).toBe(true);
    expect(isAllowedUrl('https://example.com/', undefined)).toBe(false);
    expect(isAllowedUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAllowedUrl('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
    expect(isAllowedUrl('javascript:alert(1)', undefined)).toBe(false);
    expect(isAllowedUrl('not a url', undefined)).toBe(false);
  });
});
