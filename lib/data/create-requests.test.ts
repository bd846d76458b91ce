import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createUser } from "@/lib/test/fixtures";
import type { Actor } from "./authoring/actor";
import { isDomainError } from "@/lib/data/errors";
import { transaction } from "./authoring/tx";
import { createOnce, createOnceAcrossTransactions } from "./create-requests";

// The two ways a create is made once per key, with creates whose timing the test controls: the
// second post arrives while the first is still inside its transaction (or its import).

let t: TestDatabase;
let author: User;
const as = (u: User): Actor => ({ id: u.id, role: u.role });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  t = await createTestDatabase();
  author = await createUser(t.db, { role: "AUTHOR" });
});
afterAll(() => t.drop());

/** A create in one transaction that makes a tag and holds the transaction open for `holdMs`. */
function tagCreate(requestId: string, opts: { holdMs?: number; fail?: boolean; made: string[] }) {
  return transaction(t.db, (tx) =>
    createOnce(
      tx,
      as(author),
      { kind: "volume", requestId, input: { name: "标签" } },
      {
        replay: (id) => ({ id, replayed: true }),
        create: async () => {
          const slug = `t-${randomUUID().slice(0, 8)}`;
          const tag = await tx.tag.create({ data: { slug, name: slug }, select: { id: true } });
          await sleep(opts.holdMs ?? 0);
          if (opts.fail) throw new Error("the create failed");
          opts.made.push(slug);
          return { resultId: tag.id, result: { id: tag.id, replayed: false } };
        },
      },
    ),
  );
}

describe("createOnce (one transaction)", () => {
  it("holds a duplicate on the key until the first commits, then answers with its record", async () => {
    const key = randomUUID();
    const made: string[] = [];
    const first = tagCreate(key, { holdMs: 300, made });
    await sleep(50);
    const second = await tagCreate(key, { made });
    expect(second).toEqual({ id: (await first).id, replayed: true });
    expect(made).toHaveLength(1);
  });

  it("lets a duplicate create when the first rolled back", async () => {
    const key = randomUUID();
    const made: string[] = [];
    const first = tagCreate(key, { holdMs: 300, fail: true, made });
    await sleep(50);
    const second = tagCreate(key, { made });
    await expect(first).rejects.toThrow("the create failed");
    expect(await second).toMatchObject({ replayed: false });
    expect(made).toHaveLength(1);
  });
});

describe("createOnceAcrossTransactions (an import)", () => {
  function slowCreate(requestId: string, calls: { n: number }, opts: { holdMs: number; fail?: boolean }) {
    return createOnceAcrossTransactions(
      t.db,
      as(author),
      { kind: "import", requestId, input: { uploadId: "u" } },
      {
        create: async () => {
          calls.n++;
          await sleep(opts.holdMs);
          if (opts.fail) throw new Error("the import failed");
          return { resultId: 42, result: "created" };
        },
        replay: (id) => `replayed ${id}`,
        busy: () => new Error("still running"),
      },
      { waitMs: 2_000, pollMs: 20 },
    );
  }

  it("makes a duplicate wait for the first one's result", async () => {
    const key = randomUUID();
    const calls = { n: 0 };
    const results = await Promise.all([slowCreate(key, calls, { holdMs: 300 }), slowCreate(key, calls, { holdMs: 0 })]);
    expect(results.sort()).toEqual(["created", "replayed 42"]);
    expect(calls.n).toBe(1);
  });

  it("gives the key up when the create fails, so the form can be sent again", async () => {
    const key = randomUUID();
    const calls = { n: 0 };
    await expect(slowCreate(key, calls, { holdMs: 0, fail: true })).rejects.toThrow("the import failed");
    expect(await slowCreate(key, calls, { holdMs: 0 })).toBe("created");
    expect(calls.n).toBe(2);
  });

  it("says the first still runs when it outlasts the wait", async () => {
    const key = randomUUID();
    const calls = { n: 0 };
    const first = slowCreate(key, calls, { holdMs: 2_500 });
    await sleep(50);
    await expect(slowCreate(key, calls, { holdMs: 0 })).rejects.toThrow("still running");
    expect(await first).toBe("created");
  });

  it("refuses the key of another user", async () => {
    const key = randomUUID();
    await slowCreate(key, { n: 0 }, { holdMs: 0 });
    const stranger = await createUser(t.db, { role: "AUTHOR" });
    const refused = createOnceAcrossTransactions(
      t.db,
      as(stranger),
      { kind: "import", requestId: key, input: { uploadId: "u" } },
      {
        create: async () => ({ resultId: 1, result: "created" }),
        replay: () => "replayed",
        busy: () => new Error("busy"),
      },
      { waitMs: 0 },
    );
    await expect(refused).rejects.toSatisfy(
      (e: unknown) => isDomainError(e) && e.messageKey === "authoring.errors.requestReused",
    );
  });
});
