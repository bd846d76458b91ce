import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { getT } from "@/lib/i18n/messages";
import { MAX_FORM_REQUEST_BYTES, MAX_IMPORT_REQUEST_BYTES } from "@/lib/uploads/limits.mjs";
import { bytesOfTooLarge } from "@/lib/uploads/too-large";
import { bodyLimitFor, refuseOversizedBody } from "./body-limit";

// A real HTTP server with the site server's check in front of a handler standing in for Next,
// which reads the whole body and says how much it got.

const MB = 1024 * 1024;
let server: http.Server | undefined;
let reached: number[] = [];

async function start(): Promise<string> {
  reached = [];
  server = http.createServer((req, res) => {
    if (refuseOversizedBody(req, res)) return;
    let bytes = 0;
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    req.on("end", () => {
      reached.push(bytes);
      res.end(`read ${bytes}`);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
  server = undefined;
});

type Answer = { status: number; type: string; body: string; ms: number };

/** A raw request: `headers` as given, then `body` (which may be shorter than Content-Length says). */
function send(host: string, path: string, headers: Record<string, string>, body: Buffer | Buffer[]): Promise<Answer> {
  const [hostname, port] = host.split(":");
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port: Number(port), path, method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers["content-type"]),
          body: text,
          ms: Date.now() - started,
        }),
      );
    });
    req.on("error", reject);
    for (const part of Array.isArray(body) ? body : [body]) req.write(part);
    req.end();
  });
}

describe("bodyLimitFor", () => {
  it("lets the import pages take a 50 MB file, and every other page a 5 MB cover", () => {
    expect(bodyLimitFor("/dashboard/import").maxBytes).toBe(MAX_IMPORT_REQUEST_BYTES);
    expect(bodyLimitFor("/dashboard/books/12/import?state=abc").maxBytes).toBe(MAX_IMPORT_REQUEST_BYTES);
    for (const url of [
      "/dashboard/books/12",
      "/dashboard/importer",
      "/dashboard/books/12/import/x",
      "/login",
      "/api/x",
    ]) {
      expect(bodyLimitFor(url).maxBytes, url).toBe(MAX_FORM_REQUEST_BYTES);
    }
  });
});

describe("refuseOversizedBody", () => {
  it("answers a server action whose Content-Length is over the limit with 413 at once, reading nothing into the app", async () => {
    const host = await start();
    const declared = 60 * MB;
    // Only the headers and a first few bytes are sent: the answer must not wait for the rest.
    const answer = await send(
      host,
      "/dashboard/books/1",
      { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(declared), "Next-Action": "abc" },
      Buffer.alloc(1024),
    );
    expect(answer).toMatchObject({ status: 413, type: "text/plain" });
    expect(bytesOfTooLarge(answer.body)).toBe(declared);
    expect(answer.ms).toBeLessThan(2000);
    expect(reached).toEqual([]);
  });

  it("answers a form posted without JavaScript with a page naming the sizes and linking back", async () => {
    const host = await start();
    const body = Buffer.alloc(MAX_IMPORT_REQUEST_BYTES + MB);
    const answer = await send(
      host,
      "/dashboard/import?state=x",
      { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(body.length), Accept: "text/html" },
      body,
    );
    expect(answer.status).toBe(413);
    expect(answer.type).toBe("text/html; charset=utf-8");
    expect(answer.body).toContain(getT()("errors.uploadTooLargeBody", { sizeMb: "52.0", maxMb: 50 }));
    expect(answer.body).toContain('<a href="/dashboard/import">');
    expect(reached).toEqual([]);
  });

  it("passes requests within the limit, and everything but POST, to the app untouched", async () => {
    const host = await start();
    const body = Buffer.alloc(MAX_FORM_REQUEST_BYTES);
    const answer = await send(host, "/dashboard/books/1", { "Content-Length": String(body.length) }, body);
    expect(answer).toMatchObject({ status: 200, body: `read ${body.length}` });
    const big = Buffer.alloc(MAX_FORM_REQUEST_BYTES + 1);
    const [hostname, port] = host.split(":");
    const put = await new Promise<number>((resolve, reject) => {
      const req = http.request({ hostname, port: Number(port), path: "/x", method: "PUT" }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end(big);
    });
    expect(put).toBe(200);
    expect(reached).toEqual([body.length, big.length]);
  });

  it("counts a chunked body and answers 413 once it goes over, the app getting no more than the limit", async () => {
    const host = await start();
    const chunks = Array.from({ length: 8 }, () => Buffer.alloc(MB));
    const answer = await send(
      host,
      "/dashboard/books/1",
      { "Transfer-Encoding": "chunked", "Next-Action": "abc" },
      chunks,
    );
    expect(answer.status).toBe(413);
    expect(bytesOfTooLarge(answer.body)).toBeGreaterThan(MAX_FORM_REQUEST_BYTES);
    expect(reached).toEqual([]);

    // Within the limit, a chunked body reaches the app whole.
    const small = await send(host, "/dashboard/books/1", { "Transfer-Encoding": "chunked" }, chunks.slice(0, 2));
    expect(small).toMatchObject({ status: 200, body: `read ${2 * MB}` });
  });
});
