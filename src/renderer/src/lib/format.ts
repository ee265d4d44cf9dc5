/** Small display helpers (zh-CN). */
import { zhCN as t } from '../locales/zh-CN';

const pad = (n: number) => String(n).padStart(2, '0');

/** 14:03:25 today, or 11月23日 14:03 on another day. */
export function formatTime(at: number | string | Date): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const now = new Date();
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (d.toDateString() === now.toDateString()) return time;
  const sameYear = d.getFullYear() === now.getFullYear();
  return `${sameYear ? '' : `${d.getFullYear()}年`}${d.getMonth() + 1}月${d.getDate()}日 ${time.slice(0, 5)}`;
}

/** A stored value as the grid shows it: the number (or ratio text) with its qualifier. */
export function cellText(
  c: { value: number | null; text: string | null; qualifier?: string | null } | null | undefined,
): string {
  if (!c) return '';
  const core = c.value !== null ? String(c.value) : (c.text ?? '');
  const q = c.qualifier ?? '';
  if (!q) return core;
  return /^(突破|超过|超|近|将近|接近|约|逾|不足|不到)$/.test(q) ? `${q}${core}` : `${core}${q}`;
}

/** Parses what a user typed into a cell: a number (full-width digits and commas allowed), a ratio, or empty. */
export function parseCellInput(raw: string): number | string | null {
  const s = raw
    .normalize('NFKC')
    .trim()
    .replace(/[,，\s]/g, '');
  if (s === '') return null;
  if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return Number(s);
  return s;
}

export function base64OfFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(t.importer.readFailed));
    reader.readAsDataURL(file);
  });
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
