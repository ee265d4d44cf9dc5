import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS } from '../shared/methods';
import { menuTemplate, recentLabel, type MenuActions } from './menu';

function actions() {
  return {
    send: vi.fn(),
    open: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    about: vi.fn(),
  } satisfies MenuActions;
}

const submenu = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];
const items = (menu: MenuItemConstructorOptions[]) => menu.flatMap((m) => [m, ...flat(m)]);
const flat = (m: MenuItemConstructorOptions): MenuItemConstructorOptions[] =>
  Array.isArray(m.submenu) ? m.submenu.flatMap((s) => [s, ...flat(s)]) : [];
const byLabel = (menu: MenuItemConstructorOptions[], label: string) => {
  const found = items(menu).find((i) => i.label === label);
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
};
const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

describe('the application menu', () => {
  it('has 文件 编辑 视图 帮助 in Chinese, with mnemonics on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const)
      expect(menuTemplate(actions(), platform).map((m) => m.label)).toEqual([
        '文件(&F)',
        '编辑(&E)',
        '视图(&V)',
        '帮助(&H)',
      ]);
  });

  it('on macOS starts with the app menu (关于, 隐藏, 退出) and has no 退出 in 文件', () => {
    const menu = menuTemplate(actions(), 'darwin');
    expect(menu.map((m) => m.label)).toEqual(['简报工坊', '文件', '编辑', '视图', '帮助']);
    expect(
      submenu(menu[0])
        .map((i) => i.role)
        .filter(Boolean),
    ).toEqual(['hide', 'hideOthers', 'unhide', 'quit']);
    expect(submenu(menu[1]).some((i) => i.role === 'quit')).toBe(false);
    expect(byLabel(menu, '重做').accelerator).toBe('Shift+CmdOrCtrl+Z');
  });

  it('gives the usual shortcuts: Ctrl+N/O/S/Z/Y and Ctrl+E for export', () => {
    const menu = menuTemplate(actions(), 'win32');
    const shortcuts = Object.fromEntries(
      items(menu)
        .filter((i) => i.accelerator)
        .map((i) => [i.label, i.accelerator]),
    );
    expect(shortcuts).toMatchObject({
      新建简报: 'CmdOrCtrl+N',
      '打开…': 'CmdOrCtrl+O',
      保存: 'CmdOrCtrl+S',
      '导出 Word…': 'CmdOrCtrl+E',
      撤销: 'CmdOrCtrl+Z',
      重做: 'CmdOrCtrl+Y',
    });
    // No shortcut is given twice.
    const all = Object.values(shortcuts);
    expect(new Set(all).size).toBe(all.length);
    expect(submenu(menu[0]).at(-1)).toMatchObject({ label: '退出', role: 'quit' });
  });

  it('leaves the clipboard and zoom to Electron’s roles', () => {
    const menu = menuTemplate(actions(), 'linux');
    expect(
      submenu(menu[1])
        .map((i) => i.role)
        .filter(Boolean),
    ).toEqual(['cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll']);
    expect(byLabel(menu, '复制').role).toBe('copy');
    expect(byLabel(menu, '全选').role).toBe('selectAll');
    expect(byLabel(menu, '放大').role).toBe('zoomIn');
    // No developer tools or reload in the shipped menu.
    expect(
      items(menu).some((i) => i.role === 'toggleDevTools' || i.role === 'reload' || i.role === 'forceReload'),
    ).toBe(false);
  });

  it('sends the page commands it knows, one per item', () => {
    const a = actions();
    const menu = menuTemplate(a, 'win32');
    const expected: Record<string, string> = {
      新建简报: 'new',
      保存: 'save',
      '导出 Word…': 'export',
      撤销: 'undo',
      重做: 'redo',
      数据: 'go-data',
      文档: 'go-documents',
      导入报告: 'go-import',
      导出: 'go-export',
    };
    for (const [label, command] of Object.entries(expected)) {
      a.send.mockClear();
      click(byLabel(menu, label));
      expect(a.send).toHaveBeenCalledExactlyOnceWith(command);
      expect(MENU_COMMANDS).toContain(command);
    }
    click(byLabel(menu, '打开…'));
    expect(a.open).toHaveBeenCalledOnce();
    click(byLabel(menu, '关于简报工坊'));
    expect(a.about).toHaveBeenCalledOnce();
  });

  it('lists recent files (newest first, numbered) and clears them', () => {
    const a = actions();
    const recent = ['/home/王/报告/扶贫工作.docx', 'C:\\Users\\王\\数据\\R&D投入.xlsx'];
    const menu = menuTemplate(a, 'linux', recent);
    const list = submenu(byLabel(menu, '最近打开'));
    expect(list.map((i) => i.label)).toEqual([
      '&1 报告/扶贫工作.docx',
      '&2 数据\\R&&D投入.xlsx',
      undefined,
      '清除最近打开的文件',
    ]);
    expect(list[0].toolTip).toBe(recent[0]);
    click(list[1]);
    expect(a.openRecent).toHaveBeenCalledWith(recent[1]);
    click(list[3]);
    expect(a.clearRecent).toHaveBeenCalledOnce();
    expect(submenu(byLabel(menuTemplate(a, 'linux'), '最近打开'))).toEqual([
      { label: '（无）', enabled: false },
    ]);
  });

  it('labels recent files past the ninth without a mnemonic', () => {
    expect(recentLabel('/a/b/c.txt', 0)).toBe('&1 b/c.txt');
    expect(recentLabel('/a/b/c.txt', 9)).toBe('b/c.txt');
    expect(recentLabel('c.txt', 2)).toBe('&3 c.txt');
  });
});
