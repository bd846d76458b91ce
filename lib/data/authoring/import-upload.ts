import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { ImportUploadState } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { shutdownSignal } from "@/lib/server/shutdown";
import { assertImportSize } from "@/lib/text/import";
import { createOnceAcrossTransactions } from "@/lib/data/create-requests";
import type { Actor } from "./actor";
import { DomainError } from "@/lib/data/errors";
import {
  AlreadyImportedError,
  importNovel,
  isAlreadyImported,
  type ImportNovelInput,
  type ImportNovelResult,
  type ImportProgress,
} from "./import";

// TXT files staged between the import's steps (the ImportUpload table). The preview stores the
// upload; the confirm step and re-previews with other options read it back by its id, so the
// file crosses a slow network once and the form needs no JavaScript to carry it. Only the user
// who staged a file can read it, see its progress or import it: any other id is answered like
// an unknown one.

/** A staged file is kept this long, then deleted the next time anyone stages one. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
/** Staged files kept per user: staging one more deletes the oldest (running imports excepted). */
export const MAX_UPLOADS_PER_USER = 5;
/** A running import whose progress has not moved for this long is taken to have died with its server. */
export const STALE_RUN_MS = 5 * 60 * 1000;
const FILE_NAME_MAX = 255;
/** How long a confirm posted again waits for the first one's import before saying it still runs. */
export const DUPLICATE_WAIT_MS = 2 * 60 * 1000;

/** 16 random bytes as base64url: 22 characters, unguessable. */
export const UPLOAD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export type StagedUpload = { id: string; fileName: string; byteSize: number; sha256: string };

export type ImportUploadView = StagedUpload & {
  state: ImportUploadState;
  /** The book the file was imported into, once it is DONE. */
  bookId: number | null;
  /** The file; null once it was imported. */
  bytes: Uint8Array<ArrayBuffer> | null;
  /** Chapters imported so far. */
  done: number;
};

export type ImportProgressView = { state: ImportUploadState; done: number; total: number };

const GONE = () => new DomainError("NOT_FOUND", { messageKey: "import.ui.uploadGone" });

export function isUploadId(value: string): boolean {
  return UPLOAD_ID_PATTERN.test(value);
}

/** The file name shown back to the author: no path, no control characters, well-formed, bounded. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.toWellFormed().replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "");
  return clean.slice(0, FILE_NAME_MAX) || "upload.txt";
}

/**
 * Stores an uploaded file for the actor and returns its id. With `replaceId` (the actor's
 * upload the form was showing) that row takes the new file and keeps its id, unless it is
 * importing or done; otherwise a new row is made. Deletes expired rows of everyone (an indexed
 * range delete) and the actor's oldest rows beyond MAX_UPLOADS_PER_USER on the way.
 */
export async function stageImportUpload(
  db: Db,
  actor: Actor,
  input: { fileName: string; bytes: Uint8Array; replaceId?: string | null },
  opts: { now?: Date } = {},
): Promise<StagedUpload> {
  assertImportSize(input.bytes);
  const now = opts.now ?? new Date();
  const bytes = Uint8Array.from(input.bytes);
  const file = {
    fileName: cleanFileName(input.fileName),
    byteSize: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
  await deleteExpiredUploads(db, now);

  const replaceId = input.replaceId && isUploadId(input.replaceId) ? input.replaceId : null;
  if (replaceId) {
    const replaced = await db.importUpload.updateMany({
      where: { id: replaceId, userId: actor.id, state: { in: ["STAGED", "FAILED"] } },
      data: { ...file, bytes, state: "STAGED", done: 0, total: 0, bookId: null, createdAt: now },
    });
    if (replaced.count === 1) return { id: replaceId, ...file };
  }

  const older = await db.importUpload.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    skip: MAX_UPLOADS_PER_USER - 1,
    select: { id: true },
  });
  if (older.length > 0) {
    await db.importUpload.deleteMany({
      where: { id: { in: older.map((u) => u.id) }, state: { not: "RUNNING" } },
    });
  }
  const id = randomBytes(16).toString("base64url");
  // `select`: a write must not read the file back (Prisma returns the whole row by default).
  await db.importUpload.create({
    data: { id, userId: actor.id, ...file, bytes, createdAt: now },
    select: { id: true },
  });
  return { id, ...file };
}

/** Deletes uploads staged more than UPLOAD_TTL_MS ago, except imports still running. */
export async function deleteExpiredUploads(db: Db, now: Date): Promise<number> {
  const { count } = await db.importUpload.deleteMany({
    where: {
      createdAt: { lt: new Date(now.getTime() - UPLOAD_TTL_MS) },
      OR: [{ state: { not: "RUNNING" } }, { updatedAt: { lt: new Date(now.getTime() - STALE_RUN_MS) } }],
    },
  });
  return count;
}

/** The actor's staged upload with its bytes; NOT_FOUND (`import.ui.uploadGone`) for any other id. */
export async function getImportUpload(
  db: Db,
  actor: Actor,
  id: string,
  opts: { now?: Date } = {},
): Promise<ImportUploadView> {
  if (!isUploadId(id)) throw GONE();
  const now = opts.now ?? new Date();
  const row = await db.importUpload.findFirst({
    where: { id, userId: actor.id, createdAt: { gte: new Date(now.getTime() - UPLOAD_TTL_MS) } },
    select: {
      id: true,
      fileName: true,
      byteSize: true,
      sha256: true,
      state: true,
      bookId: true,
      bytes: true,
      done: true,
    },
  });
  if (!row) throw GONE();
  return row;
}

/** How far the import of the user's upload has got, or null for an unknown id or someone else's. */
export async function getImportProgress(db: Db, userId: number, id: string): Promise<ImportProgressView | null> {
  if (!isUploadId(id)) return null;
  return db.importUpload.findFirst({ where: { id, userId }, select: { state: true, done: true, total: true } });
}

/**
 * Imports the actor's staged upload (`input.parsed` must be parsed from its bytes) with
 * importNovel, recording progress on the row after each batch so any instance can report it
 * (then calling `opts.onProgress`).
 *
 * The row is claimed first (STAGED or FAILED → RUNNING), so a confirm submitted twice runs one
 * import: the second is answered CONFLICT `import.ui.importRunning` while the first runs, and
 * AlreadyImportedError once it is done. When done the bytes are dropped and `bookId` kept. A
 * failure leaves the row FAILED with its bytes, so the author can correct the form and retry; a
 * run that died with its server is taken over after STALE_RUN_MS without progress.
 *
 * With `requestId` (the confirm form's key, lib/data/create-requests.ts) the same confirm posted
 * twice gets the same answer: the second post waits for the first import (up to
 * DUPLICATE_WAIT_MS) and is given its book, instead of "running" or "already imported".
 */
export async function importStagedUpload(
  db: Db,
  actor: Actor,
  uploadId: string,
  input: ImportNovelInput,
  opts: { now?: Date; onProgress?: ImportProgress; requestId?: string } = {},
): Promise<ImportNovelResult> {
  if (!isUploadId(uploadId)) throw GONE();
  const { parsed, ...options } = input;
  const request = { uploadId, ...options, fingerprint: parsed.fingerprint, encoding: parsed.encoding };
  return createOnceAcrossTransactions(
    db,
    actor,
    { kind: "import", requestId: opts.requestId, input: request },
    {
      create: async () => {
        const result = await runStagedImport(db, actor, uploadId, input, opts);
        return { resultId: result.bookId, result };
      },
      // The first post's answer: its book, and the chapters its upload went through.
      replay: async (bookId) => {
        const row = await db.importUpload.findFirst({
          where: { id: uploadId, userId: actor.id },
          select: { done: true },
        });
        return { bookId, imported: row?.done ?? 0, tags: [] };
      },
      busy: () => new DomainError("CONFLICT", { messageKey: "import.ui.importRunning" }),
    },
    { waitMs: DUPLICATE_WAIT_MS },
  );
}

async function runStagedImport(
  db: Db,
  actor: Actor,
  uploadId: string,
  input: ImportNovelInput,
  opts: { now?: Date; onProgress?: ImportProgress },
): Promise<ImportNovelResult> {
  const now = opts.now ?? new Date();
  const total = input.parsed.novel.chapterCount;
  const claimed = await db.importUpload.updateMany({
    where: {
      id: uploadId,
      userId: actor.id,
      sha256: input.parsed.fingerprint,
      bytes: { not: null },
      createdAt: { gte: new Date(now.getTime() - UPLOAD_TTL_MS) },
      OR: [
        { state: { in: ["STAGED", "FAILED"] } },
        { state: "RUNNING", updatedAt: { lt: new Date(now.getTime() - STALE_RUN_MS) } },
      ],
    },
    data: { state: "RUNNING", done: 0, total },
  });
  if (claimed.count === 0) {
    const row = await db.importUpload.findFirst({
      where: { id: uploadId, userId: actor.id },
      select: { state: true, bookId: true, sha256: true },
    });
    if (!row) throw GONE();
    if (row.state === "DONE" && row.bookId !== null) throw new AlreadyImportedError(row.bookId);
    if (row.state === "RUNNING") throw new DomainError("CONFLICT", { messageKey: "import.ui.importRunning" });
    throw GONE();
  }

  try {
    const result = await importNovel(db, actor, input, {
      now,
      signal: shutdownSignal(),
      onProgress: async (done, of) => {
        await db.importUpload.updateMany({ where: { id: uploadId }, data: { done, total: of } });
        await opts.onProgress?.(done, of);
      },
    });
    await finish(db, uploadId, result.bookId);
    return result;
  } catch (error) {
    try {
      if (isAlreadyImported(error)) await finish(db, uploadId, error.existingBookId);
      else await db.importUpload.updateMany({ where: { id: uploadId }, data: { state: "FAILED" } });
    } catch (markError) {
      // The import's own error is the one to report; a row left RUNNING is taken over after STALE_RUN_MS.
      logger.error({ err: markError, uploadId }, "could not record the end of a failed import");
    }
    throw error;
  }
}

async function finish(db: Db, uploadId: string, bookId: number): Promise<void> {
  await db.importUpload.updateMany({
    where: { id: uploadId },
    data: { state: "DONE", bookId, bytes: null },
  });
}
