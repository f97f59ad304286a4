/**
 * The one way pages talk to the service: JSON over fetch with the session cookie, the CSRF header on
 * every non-GET request, and `{ code, message }` errors turned into ApiError (message is Chinese).
 * Which routes exist is read once from /api/openapi.json, so a page can show "暂不可用" instead of
 * calling an API this version of the service does not have.
 */

import { csvText } from './csv.js';

let csrfToken = null;
let openApi = null;

/** An error answered by the API; `message` is the Chinese text to show. */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function setCsrfToken(token) {
  csrfToken = token;
}

async function readBody(res) {
  const type = res.headers.get('content-type') || '';
  if (res.status === 204) return null;
  if (type.includes('application/json')) return res.json();
  return res.text();
}

/** Calls the API. `body` may be a plain object (sent as JSON) or FormData. */
export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const data = await readBody(res);
  if (!res.ok) {
    const code = data && typeof data === 'object' ? data.code : 'HTTP_' + res.status;
    const message =
      data && typeof data === 'object' && data.message ? data.message : `请求失败（${res.status}）`;
    if (res.status === 401 && path !== '/api/auth/login') {
      window.dispatchEvent(new CustomEvent('dsv:unauthenticated'));
    }
    throw new ApiError(res.status, code, message, data && data.details);
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});
export const put = (path, body) => request('PUT', path, body ?? {});
export const patch = (path, body) => request('PATCH', path, body ?? {});
export const del = (path) => request('DELETE', path);

/** Adds a query string, skipping empty values. */
export function withQuery(path, query) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Loads the route list once (public document). */
export async function loadRoutes() {
  if (!openApi) openApi = await get('/api/openapi.json');
  return openApi;
}

/**
 * Whether the service has a route `method path` ('/api/documents/{id}' style, or with ':id').
 * Only valid after loadRoutes().
 */
export function hasRoute(method, path) {
  if (!openApi || !openApi.paths) return false;
  const p = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const item = openApi.paths[p];
  return Boolean(item && item[method.toLowerCase()]);
}

/** The first of several candidate paths that exists for `method`, or null. */
export function findRoute(method, ...paths) {
  return paths.find((p) => hasRoute(method, p)) ?? null;
}

/**
 * Uploads one file with XMLHttpRequest so the page can show upload progress.
 * Resolves with the parsed JSON body; rejects with ApiError.
 */
export function uploadWithProgress(path, formData, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else {
        reject(
          new ApiError(
            xhr.status,
            data?.code ?? 'HTTP_' + xhr.status,
            data?.message ?? `上传失败（${xhr.status}）`,
            data?.details,
          ),
        );
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'NETWORK', '上传中断，请检查网络后重试')));
    xhr.send(formData);
  });
}

/** Triggers a file download from a GET route (exports), keeping the server's file name. */
export async function download(path, fallbackName) {
  const res = await fetch(path, { credentials: 'same-origin' });
  if (!res.ok) {
    const data = await readBody(res).catch(() => null);
    throw new ApiError(
      res.status,
      data?.code ?? 'HTTP_' + res.status,
      data?.message ?? `下载失败（${res.status}）`,
    );
  }
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The multipart fields a route declares in the OpenAPI document: the file field's name and the
 * other (text) fields, so an upload form follows the service's own description.
 */
export function multipartFields(path) {
  const op = openApi?.paths?.[path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.post;
  const schema = op?.requestBody?.content?.['multipart/form-data']?.schema ?? {};
  const props = schema.properties ?? {};
  let fileField = null;
  const others = {};
  for (const [name, p] of Object.entries(props)) {
    const isFile =
      p.format === 'binary' || p.type === 'file' || (p.type === 'array' && p.items?.format === 'binary');
    if (isFile && !fileField) fileField = name;
    else if (!isFile) others[name] = p;
  }
  return { fileField: fileField ?? 'files', others };
}

/** A list response as an array, whatever envelope the route uses ({ rows } / { items } / array). */
export function asList(data, ...keys) {
  if (Array.isArray(data)) return data;
  for (const k of [...keys, 'rows', 'items', 'data', 'results']) {
    if (data && Array.isArray(data[k])) return data[k];
  }
  return [];
}

/** Saves rows as a CSV file (UTF-8 with BOM, so Excel opens Chinese text correctly; formulas neutralised). */
export function saveCsv(fileName, header, rows) {
  const text = csvText(header, rows);
  const url = URL.createObjectURL(new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
