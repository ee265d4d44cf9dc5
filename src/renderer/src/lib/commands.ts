/**
 * The desktop menu's commands inside the page: the screen that is showing registers what 保存, 导出,
 * 撤销 and 重做 mean there (the editor: its history and autosave; the data grid: its revisions), and
 * the app shell runs the latest registration. In a text field, 撤销/重做 are the field's own.
 */
import type { MenuCommand } from '../../../shared/methods';

type Handler = () => void;
const registered: { command: MenuCommand; handler: Handler }[] = [];

/** Registers a handler (the newest wins); returns its removal. */
export function registerCommand(command: MenuCommand, handler: Handler): () => void {
  const entry = { command, handler };
  registered.push(entry);
  return () => {
    const i = registered.indexOf(entry);
    if (i >= 0) registered.splice(i, 1);
  };
}

/** Runs the newest handler of a command; false when no screen handles it. */
export function runCommand(command: MenuCommand, focused: Element | null = null): boolean {
  if ((command === 'undo' || command === 'redo') && isPlainTextField(focused)) {
    // A field's own undo (the editor's contenteditable handles its history itself, below).
    document.execCommand(command);
    return true;
  }
  for (let i = registered.length - 1; i >= 0; i--)
    if (registered[i].command === command) {
      registered[i].handler();
      return true;
    }
  return false;
}

function isPlainTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  return (
    el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'file'].includes(el.type)
  );
}
