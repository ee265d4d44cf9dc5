/**
 * The application menu (issue 7) in Chinese: 文件 编辑 视图 帮助, with the usual shortcuts. A pure
 * function of the actions, the platform and the recent files, so a test can check every label,
 * accelerator and role without Electron (only Electron's types are imported).
 *
 * Commands the page must carry out (新建, 保存, 导出, 撤销/重做, the screens) are sent to it as
 * `brief:menu` events through `actions.send`; 打开… and the recent files go through the main process
 * (native dialog, file read there) and reach the page as bytes. Clipboard items use Electron's roles.
 * 撤销/重做 are commands, not roles: the page routes them to the editor's history, the data grid's
 * revisions, or a text field's own undo.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/methods';

export interface MenuActions {
  /** Sends a command to the focused window's page. */
  send(command: MenuCommand): void;
  /** 打开…: the native open dialog, then the file's bytes to the page. */
  open(): void;
  /** A file of 最近打开. */
  openRecent(path: string): void;
  clearRecent(): void;
  about(): void;
}

export type Platform = NodeJS.Platform;

export const ACCELERATORS = {
  new: 'CmdOrCtrl+N',
  open: 'CmdOrCtrl+O',
  save: 'CmdOrCtrl+S',
  export: 'CmdOrCtrl+E',
  undo: 'CmdOrCtrl+Z',
  redo: 'CmdOrCtrl+Y',
  data: 'CmdOrCtrl+1',
  documents: 'CmdOrCtrl+2',
  import: 'CmdOrCtrl+3',
  exportScreen: 'CmdOrCtrl+4',
} as const;

/** The last folder and the file name: enough to tell recent files apart in a menu. */
export function recentLabel(path: string, index: number): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  const name = parts.slice(-2).join(path.includes('\\') ? '\\' : '/');
  // "&" marks a mnemonic in menu labels on Windows and Linux: double it.
  const safe = (name || path).replace(/&/g, '&&');
  return index < 9 ? `&${index + 1} ${safe}` : safe;
}

export function menuTemplate(
  actions: MenuActions,
  platform: Platform,
  recent: readonly string[] = [],
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const send = (command: MenuCommand) => () => actions.send(command);

  const recentMenu: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: '（无）', enabled: false }]
      : [
          ...recent.map((path, i): MenuItemConstructorOptions => ({
            label: recentLabel(path, i),
            toolTip: path,
            click: () => actions.openRecent(path),
          })),
          { type: 'separator' },
          { label: '清除最近打开的文件', click: () => actions.clearRecent() },
        ];

  const file: MenuItemConstructorOptions = {
    label: mac ? '文件' : '文件(&F)',
    submenu: [
      { label: '新建简报', accelerator: ACCELERATORS.new, click: send('new') },
      { label: '打开…', accelerator: ACCELERATORS.open, click: () => actions.open() },
      { label: '最近打开', submenu: recentMenu },
      { type: 'separator' },
      { label: '保存', accelerator: ACCELERATORS.save, click: send('save') },
      { label: '导出 Word…', accelerator: ACCELERATORS.export, click: send('export') },
      ...(mac
        ? []
        : ([{ type: 'separator' }, { label: '退出', role: 'quit' }] as MenuItemConstructorOptions[])),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: mac ? '编辑' : '编辑(&E)',
    submenu: [
      { label: '撤销', accelerator: ACCELERATORS.undo, click: send('undo') },
      { label: '重做', accelerator: mac ? 'Shift+CmdOrCtrl+Z' : ACCELERATORS.redo, click: send('redo') },
      { type: 'separator' },
      { label: '剪切', role: 'cut' },
      { label: '复制', role: 'copy' },
      { label: '粘贴', role: 'paste' },
      { label: '粘贴并匹配样式', role: 'pasteAndMatchStyle' },
      { label: '删除', role: 'delete' },
      { type: 'separator' },
      { label: '全选', role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: mac ? '视图' : '视图(&V)',
    submenu: [
      { label: '数据', accelerator: ACCELERATORS.data, click: send('go-data') },
      { label: '文档', accelerator: ACCELERATORS.documents, click: send('go-documents') },
      { label: '导入报告', accelerator: ACCELERATORS.import, click: send('go-import') },
      { label: '导出', accelerator: ACCELERATORS.exportScreen, click: send('go-export') },
      { type: 'separator' },
      { label: '实际大小', role: 'resetZoom' },
      { label: '放大', role: 'zoomIn' },
      { label: '缩小', role: 'zoomOut' },
      { type: 'separator' },
      { label: '全屏', role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: mac ? '帮助' : '帮助(&H)',
    role: 'help',
    submenu: [{ label: '关于简报工坊', click: () => actions.about() }],
  };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: '简报工坊',
          submenu: [
            { label: '关于简报工坊', click: () => actions.about() },
            { type: 'separator' },
            { label: '隐藏简报工坊', role: 'hide' },
            { label: '隐藏其他', role: 'hideOthers' },
            { label: '全部显示', role: 'unhide' },
            { type: 'separator' },
            { label: '退出简报工坊', role: 'quit' },
          ],
        },
      ]
    : [];

  return [...appMenu, file, edit, view, help];
}
