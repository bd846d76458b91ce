import { z } from "zod";

// The manifest at the start of a backup archive (lib/db/backup.ts). A restore checks it before it
// touches a database: an archive comes from outside, like any upload.

export const BACKUP_FORMAT_VERSION = 1;

/** "shuhai-backup/<n>": the archive's layout, raised whenever a restore could not read an older one. */
export const backupFormatSchema = z.string().regex(/^shuhai-backup\/[1-9]\d{0,5}$/);

export const backupManifestSchema = z.object({
  format: backupFormatSchema,
  /** package.json's version of the Shuhai that made the archive. */
  appVersion: z.string().max(100),
  createdAt: z.iso.datetime(),
  serverVersion: z.string().max(200),
  migrations: z.array(z.object({ name: z.string().min(1).max(255), checksum: z.string().max(64) })).min(1),
  tables: z.array(z.object({ name: z.string().min(1).max(63), columns: z.array(z.string().min(1).max(63)).min(1) })),
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;

/** The archive's last frame: every table's row count, as written. */
export const backupEndSchema = z.object({ rows: z.record(z.string(), z.number().int().min(0)) });

export const backupTableStartSchema = z.object({ name: z.string() });
export const backupTableEndSchema = z.object({ name: z.string(), rows: z.number().int().min(0) });
