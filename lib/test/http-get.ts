import http from "node:http";
import { gunzipSync } from "node:zlib";

/** An answer as a test reads it: the body decompressed when it came gzip-encoded. */
export type Got = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; text: string };

/** One request to a server a test started on 127.0.0.1 (no client-side caching, no redirects followed). */
export function httpGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<Got> {
  return new Promise((resolve, reject) => {
    http
      .request({ host: "127.0.0.1", port, path, headers, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          const plain = res.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body;
          resolve({ status: res.statusCode!, headers: res.headers, body, text: plain.toString("utf8") });
        });
      })
      .on("error", reject)
      .end();
  });
}
