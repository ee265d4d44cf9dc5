/**
 * The window's security options, written once, in the `new BrowserWindow({…})` itself so that static
 * checkers (Electronegativity, run by the test suite on the built code) see them, and as plain data so
 * that a test can assert them without Electron (DESIGN §2, issue 9): context isolation, sandbox, no
 * node integration, no webviews, no middle-click navigation, no remote content.
 */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  spellcheck: false;
  /** Middle-click (auxclick) would open links outside the navigation handlers. */
  disableBlinkFeatures: 'Auxclick';
  navigateOnDragDrop: false;
  safeDialogs: true;
}

export interface WindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
}

/** Electron's BrowserWindow class, passed in: this module needs no Electron at test time. */
export type WindowClass<W> = new (options: WindowOptions) => W;

export function createSecureWindow<W>(BrowserWindow: WindowClass<W>, preload: string): W {
  return new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    title: '简报工坊',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
}

/** The options createSecureWindow gives the window. */
export function windowOptions(preload: string): WindowOptions {
  return createSecureWindow(
    class {
      constructor(readonly options: WindowOptions) {}
    },
    preload,
  ).options;
}

export function secureWebPreferences(preload: string): SecureWebPreferences {
  return windowOptions(preload).webPreferences;
}

/** A file: URL's path, decoded, with forward slashes. */
function filePath(u: URL): string {
  return decodeURIComponent(u.pathname).replace(/\\/g, '/');
}

/**
 * Only the app's own pages may load in the window: the built renderer file (`appFile`, its absolute
 * path), or the dev server in development. Without `appFile` any file: URL passes (tests, old callers).
 */
export function isAllowedUrl(url: string, devServerUrl: string | undefined, appFile?: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'file:') {
      if (appFile === undefined) return true;
      const own = new URL(`file://${appFile.replace(/\\/g, '/').replace(/^(?=[A-Za-z]:)/, '/')}`);
      return filePath(u) === filePath(own);
    }
    if (devServerUrl) {
      const dev = new URL(devServerUrl);
      return u.origin === dev.origin;
    }
    return false;
  } catch {
    return false;
  }
}
