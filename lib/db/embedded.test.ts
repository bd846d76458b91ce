import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { unreachableFolders } from "./embedded";

const root = await mkdtemp(path.join(os.tmpdir(), "shuhai-reach-"));
afterAll(() => rm(root, { recursive: true, force: true }));

// Someone who owns none of the folders and is in none of their groups, as the `postgres` user
// is to a clone made by root.
const stranger = { uid: 123_456, gid: 123_456 };

describe("folders the postgres user must enter", () => {
  it("names a private folder on the way to the binaries or the data, with its mode", async () => {
    const home = path.join(root, "home");
    await mkdir(path.join(home, "shuhai", "node_modules"), { recursive: true });
    await chmod(root, 0o755);
    await chmod(home, 0o700);
    const targets = [path.join(home, "shuhai", "node_modules"), path.join(home, "shuhai", ".data", "pg")];
    expect(await unreachableFolders(targets, stranger)).toEqual([{ dir: home, mode: "0700" }]);
    // Search permission for others is all it takes (listing stays private).
    await chmod(home, 0o711);
    expect(await unreachableFolders(targets, stranger)).toEqual([]);
  });

  it("goes by the owner's and the group's bits for the user's own folders", async () => {
    const dir = path.join(root, "own");
    await mkdir(dir);
    await chmod(dir, 0o700);
    const { uid, gid } = { uid: process.getuid!(), gid: process.getgid!() };
    expect(await unreachableFolders([dir], { uid, gid })).toEqual([]);
    await chmod(dir, 0o070);
    expect(await unreachableFolders([dir], { uid: stranger.uid, gid })).toEqual([]);
    expect(await unreachableFolders([dir], stranger)).toEqual([{ dir, mode: "0070" }]);
    await chmod(dir, 0o700);
  });
});
