import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/data/authoring/actor";
import { DomainError } from "@/lib/data/errors";
import { transaction, type Tx } from "@/lib/data/authoring/tx";

// Idempotent creates. A create form sends a random key (`requestId`, lib/validation/create-request.ts);
// the create claims it in the CreateRequest table, in the transaction that makes the record, and
// records the new record's id there. A second post with the same key, made while the first runs or
// after it, creates nothing and answers with the first record, exactly as the first post did.
//
// How a duplicate running at the same moment is held back: the claim is an
// `INSERT … ON CONFLICT (id) DO NOTHING`, the first statement of the create's transaction. A second
// insert of the same key waits on the primary key until the first transaction ends: if it
// committed, the insert does nothing and the next statement (a new snapshot) reads the first
// result; if it rolled back (a refused create), the second one goes ahead as if it were first. The
// conflict is never an error, because an error would abort the PostgreSQL transaction. The claim
// comes before any other lock (a book's row lock, a user's), so two holders never wait on each
// other in opposite orders.
//
// A key is the caller's own and names one create: the same key from another user, for another
// kind of record, or with other content (a form reopened from the browser's history and changed)
// is refused with one message that says nothing about whose it was, and nothing is created. Keys
// older than a day are deleted by the creates that come after them.
//
// Adding a create (comments, reviews): give its zod schema `requestId: requestIdSchema.optional()`,
// render <RequestIdField> in its form (with a key from the page), and wrap the body of its
// transaction in createOnce (a create of several transactions: createOnceAcrossTransactions).
// An action pipeline (issue 12) can declare the kind and do the wrapping for every create.

/** The kinds of record created once per key. Free text in the table: a new kind needs no migration. */
export type CreateKind = "book" | "chapter" | "volume" | "import" | "comment";

/** Keys are kept this long: far longer than any retry, short enough to keep the table small. */
export const CREATE_REQUEST_TTL_MS = 24 * 60 * 60 * 1000;
/** Expired keys one claim deletes at most, so no create pays for a backlog. */
const PRUNE_BATCH = 100;

export type CreateRequestKey = {
  kind: CreateKind;
  /** The form's key, already checked to be a UUID; undefined: no key, no duplicate check. */
  requestId: string | undefined;
  /** What the request asks for (the parsed input): a key sent again must ask for the same. */
  input: unknown;
};

export type CreateClaim =
  /** First use of the key (or no key): create, then settle() with the new record's id. */
  | { state: "new"; settle(resultId: number): Promise<void> }
  /** The key's create committed: answer with `resultId`, create nothing. */
  | { state: "done"; resultId: number }
  /** A create spanning several transactions (an import) holds the key and has not finished. */
  | { state: "pending" };

const REUSED = () => new DomainError("CONFLICT", { messageKey: "authoring.errors.requestReused" });

/** sha256 of the request's input as JSON (Dates as ISO strings, fields in the schema's order). */
export function requestFingerprint(input: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(input) ?? "")
    .digest("hex");
}

/**
 * Claims `key` for the actor in `tx`. Call it before anything else in the transaction (see above).
 * CONFLICT `authoring.errors.requestReused` when the key belongs to another user, another kind
 * or another input.
 */
export async function claimCreateRequest(
  tx: Tx,
  actor: Actor,
  key: CreateRequestKey,
  now: Date = new Date(),
): Promise<CreateClaim> {
  const { requestId } = key;
  if (requestId === undefined) return { state: "new", settle: async () => {} };
  const fingerprint = requestFingerprint(key.input);
  // A key deleted as expired between the insert and the read is claimed again: twice is plenty.
  for (let attempt = 0; attempt < 2; attempt++) {
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "CreateRequest" (id, "userId", kind, fingerprint, "createdAt")
      VALUES (${requestId}::uuid, ${actor.id}, ${key.kind}, ${fingerprint}, ${now})
      ON CONFLICT (id) DO NOTHING
      RETURNING id::text`;
    if (inserted.length === 1) {
      await pruneCreateRequests(tx, now);
      return {
        state: "new",
        settle: async (resultId) => {
          await tx.$executeRaw`UPDATE "CreateRequest" SET "resultId" = ${resultId} WHERE id = ${requestId}::uuid`;
        },
      };
    }
    const rows = await tx.$queryRaw<{ userId: number; kind: string; fingerprint: string; resultId: number | null }[]>`
      SELECT "userId", kind, fingerprint, "resultId" FROM "CreateRequest" WHERE id = ${requestId}::uuid`;
    const row = rows[0];
    if (!row) continue;
    if (row.userId !== actor.id || row.kind !== key.kind || row.fingerprint !== fingerprint) throw REUSED();
    return row.resultId === null ? { state: "pending" } : { state: "done", resultId: row.resultId };
  }
  throw REUSED();
}

/**
 * The id the actor's settled `kind` create with this key made, or null: for a step that must
 * answer a post sent again before it could claim the key (the import's upload, already imported).
 */
export async function findCreateResult(
  db: Db,
  actor: Actor,
  kind: CreateKind,
  requestId: string,
): Promise<number | null> {
  const rows = await db.$queryRaw<{ resultId: number | null }[]>`
    SELECT "resultId" FROM "CreateRequest"
    WHERE id = ${requestId}::uuid AND "userId" = ${actor.id} AND kind = ${kind}`;
  return rows[0]?.resultId ?? null;
}

/**
 * Deletes up to PRUNE_BATCH keys older than CREATE_REQUEST_TTL_MS. SKIP LOCKED: keys another
 * create is deleting (or still holds) are left to it, so concurrent creates never wait on each other here.
 */
async function pruneCreateRequests(tx: Tx, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - CREATE_REQUEST_TTL_MS);
  await tx.$executeRaw`
    DELETE FROM "CreateRequest" WHERE id IN (
      SELECT id FROM "CreateRequest" WHERE "createdAt" < ${cutoff}
      ORDER BY "createdAt" LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`;
}

type CreateSteps<R> = {
  /** Makes the record; `resultId` is the id a replay is given. */
  create: () => Promise<{ resultId: number; result: R }>;
  /** The answer to a post sent again: what the first post answered, for the record it made. */
  replay: (resultId: number) => R | Promise<R>;
};

/**
 * A create in one transaction (`tx`), made once per key: claims the key first, replays the
 * earlier result or creates and records the new id, all in `tx`. A key left pending by a create
 * of several transactions is another kind, so it is never met here; it would be refused.
 */
export async function createOnce<R>(tx: Tx, actor: Actor, key: CreateRequestKey, steps: CreateSteps<R>): Promise<R> {
  const claim = await claimCreateRequest(tx, actor, key);
  if (claim.state === "done") return steps.replay(claim.resultId);
  if (claim.state === "pending") throw REUSED();
  const created = await steps.create();
  await claim.settle(created.resultId);
  return created.result;
}

/**
 * A create that commits in several transactions (the TXT import writes its chapters in batches),
 * made once per key. The key is claimed and committed first, with no result yet; `create` runs;
 * its record's id is recorded, or the key is given up when it fails, so the same form can be sent
 * again after a correction. A duplicate arriving meanwhile finds the key pending and waits for
 * the result (polling every `pollMs`), then answers with `replay(resultId)`; after `waitMs` it
 * gives up with `busy()` (the first post still runs; a key left by a server that died is never
 * settled, and the form sends a new key with its next post).
 */
export async function createOnceAcrossTransactions<R>(
  db: Db,
  actor: Actor,
  key: CreateRequestKey,
  steps: CreateSteps<R> & { busy: () => Error },
  opts: { waitMs: number; pollMs?: number },
): Promise<R> {
  const { requestId } = key;
  if (requestId === undefined) return (await steps.create()).result;
  const deadline = Date.now() + opts.waitMs;
  for (;;) {
    const claim = await transaction(db, async (tx) => {
      const c = await claimCreateRequest(tx, actor, key);
      return c.state === "new" ? { state: "new" as const } : c;
    });
    if (claim.state === "done") return steps.replay(claim.resultId);
    if (claim.state === "new") {
      let created: { resultId: number; result: R };
      try {
        created = await steps.create();
      } catch (error) {
        await db.$executeRaw`DELETE FROM "CreateRequest" WHERE id = ${requestId}::uuid AND "resultId" IS NULL`;
        throw error;
      }
      await db.$executeRaw`UPDATE "CreateRequest" SET "resultId" = ${created.resultId} WHERE id = ${requestId}::uuid`;
      return created.result;
    }
    if (Date.now() >= deadline) throw steps.busy();
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 200));
  }
}
