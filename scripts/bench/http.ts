// Plain HTTP helpers for the benchmark: loopback-only, and exact about bytes (node:http does not
// decompress, so the caller chooses Accept-Encoding and sees what went over the wire).
import http from "node:http";
import { brotliCompressSync, constants, gunzipSync, brotliDecompressSync, gzipSync } from "node:zlib";

const LOOPBACK_NAMES = new Set(["localhost", "::1", "[::1]"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

// Refuses anything but http(s) on a loopback address: load only ever goes to this machine.
export function loopbackUrl(raw: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${what}: not a URL: ${raw}`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new Error(`${what}: ${url.hostname} is not a loopback host (use 127.0.0.1, ::1 or localhost)`);
  }
  return url;
}

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent (still compressed when content-encoding is set). */
  wire: Buffer;
  /** The decoded body. */
  body: Buffer;
}

export function get(url: string | URL, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const wire = Buffer.concat(chunks);
        const encoding = res.headers["content-encoding"];
        let body = wire;
        try {
          if (encoding === "gzip") body = gunzipSync(wire);
          else if (encoding === "br") body = brotliDecompressSync(wire);
        } catch (error) {
          return reject(error);
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, wire, body });
      });
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${String(url)}: no answer in ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}

export async function getOk(url: string | URL, headers: Record<string, string> = {}): Promise<Response> {
  const res = await get(url, headers);
  if (res.status !== 200) throw new Error(`GET ${String(url)}: HTTP ${res.status}`);
  return res;
}

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

// gzip at level 6 (the usual server default) and brotli at its default quality (11).
export function sizes(body: Buffer): Sizes {
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 6 }).length,
    brotli: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
  };
}
