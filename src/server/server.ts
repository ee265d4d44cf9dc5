/**
 * Browser mode: serves the renderer and the same API as the Electron host, on 127.0.0.1 only.
 * Every /api/ request must carry the per-run token (query ?token= or header X-Brief-Token), checked
 * before routing; other hosts in the Host header are refused (DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { ApiError, dispatch, toApiError, type BriefHandlers } from '../shared/api';

export interface ServeOptions {
  handlers: BriefHandlers;
  /** Built renderer (out/renderer); without it only the API is served. */
  rendererDir: string | null;
  port?: number;
  token?: string;
}

export interface RunningServer {
  server: Server;
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

// Imports arrive as base64 in JSON: this admits spreadsheets of about 48 MB (the importer has its own limits).
const MAX_BODY = 64 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
}

function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ApiError('bad-request', '请求内容过大');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ApiError('bad-request', '请求内容不是有效的 JSON');
  }
}

const STATUS: Record<ApiError['code'], number> = {
  'bad-request': 400,
  'not-found': 404,
  'bad-input': 422,
  internal: 500,
};

export function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = createServer(async (req, res) => {
    const port = (server.address() as { port: number }).port;
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return json(res, 403, { error: { code: 'bad-request', message: '拒绝访问：只接受本机地址' } });
    }
    // A malformed URL (/%E0%A4%A) must be a 400, never an exception that ends the server.
    const badUrl = () => json(res, 400, { error: { code: 'bad-request', message: '网址格式不正确' } });
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return badUrl();
    }
    if (url.pathname.startsWith('/api/')) {
      const given = (req.headers['x-brief-token'] as string | undefined) ?? url.searchParams.get('token');
      if (!tokenMatches(given, token)) {
        return json(res, 401, { error: { code: 'bad-request', message: '未授权：缺少或错误的访问令牌' } });
      }
      if (req.method !== 'POST')
        return json(res, 405, { error: { code: 'bad-request', message: '只接受 POST' } });
      try {
        const body = await readBody(req);
        const result = await dispatch(options.handlers, url.pathname.slice('/api/'.length), body);
        return json(res, 200, result);
      } catch (err) {
        const e = toApiError(err);
        if (e.code === 'internal') console.error(err);
        return json(res, STATUS[e.code], { error: { code: e.code, message: e.message } });
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '', 'text/plain');
    if (!options.rendererDir)
      return send(res, 404, '界面未构建：请先运行 npm run build', 'text/plain; charset=utf-8');
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    } catch {
      return badUrl();
    }
    const file = join(options.rendererDir, rel || 'index.html');
    if (!file.startsWith(options.rendererDir + sep) && file !== options.rendererDir)
      return send(res, 403, '', 'text/plain');
    const target =
      existsSync(file) && statSync(file).isFile() ? file : join(options.rendererDir, 'index.html');
    return send(res, 200, readFileSync(target), TYPES[extname(target)] ?? 'application/octet-stream');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        server,
        token,
        port,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
