import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { getDMMF } from "@prisma/internals";
import pg from "pg";

// Compares a live PostgreSQL schema with prisma/schema.prisma as Prisma itself parses it (DMMF
// from @prisma/internals, the same WebAssembly parser `prisma generate` uses). Returns one line
// per difference; an empty list means the database is what the schema describes.

export const SCHEMA_FILE = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));

type Datamodel = Awaited<ReturnType<typeof getDMMF>>["datamodel"];
type Model = Datamodel["models"][number];
type Field = Model["fields"][number];

const BOOKKEEPING_TABLES = new Set(["_prisma_migrations"]);

// Indexes Prisma's schema cannot declare (on expressions), created by migrations: name → the
// exact definition PostgreSQL reports (pg_get_indexdef). Each must exist exactly so.
export const MIGRATION_ONLY_INDEXES: Record<string, string> = {
  BookSearch_tokens_idx:
    'CREATE INDEX "BookSearch_tokens_idx" ON public."BookSearch" USING gin (search_tokens(document))',
  Book_titlePinyin_idx: 'CREATE INDEX "Book_titlePinyin_idx" ON public."Book" USING btree ("titlePinyin" COLLATE "C")',
  Book_titleInitials_idx:
    'CREATE INDEX "Book_titleInitials_idx" ON public."Book" USING btree ("titleInitials" COLLATE "C")',
  Book_titlePinyin_missing_idx:
    'CREATE INDEX "Book_titlePinyin_missing_idx" ON public."Book" USING btree (id) WHERE ("titlePinyin" IS NULL)',
};

const REFERENTIAL_ACTIONS: Record<string, string> = {
  a: "NoAction",
  r: "Restrict",
  c: "Cascade",
  n: "SetNull",
  d: "SetDefault",
};

export async function loadDatamodel(file = SCHEMA_FILE): Promise<Datamodel> {
  const dmmf = await getDMMF({ datamodel: await readFile(file, "utf8") });
  return dmmf.datamodel;
}

interface Column {
  table: string;
  column: string;
  type: string;
  notNull: boolean;
  default: string | null;
}
interface Index {
  table: string;
  name: string;
  definition: string;
  unique: boolean;
  primary: boolean;
  columns: string[];
  desc: boolean[];
}
interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}

interface DatabaseSchema {
  tables: Set<string>;
  columns: Map<string, Column>;
  indexes: Map<string, Index>;
  foreignKeys: Map<string, ForeignKey>;
  enums: Map<string, string[]>;
}

async function readDatabase(client: pg.Client): Promise<DatabaseSchema> {
  const tables = await client.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
  );
  const columns = await client.query<Column>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const indexes = await client.query<Index>(
    `SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition,
            x.indisunique AS unique, x.indisprimary AS primary,
            array_agg(a.attname::text ORDER BY k.ord) AS columns,
            array_agg((x.indoption[k.ord - 1] & 1) = 1 ORDER BY k.ord) AS desc
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = current_schema()
      GROUP BY t.relname, i.relname, x.indexrelid, x.indisunique, x.indisprimary`,
  );
  const foreignKeys = await client.query<ForeignKey & { onDelete: string; onUpdate: string }>(
    `SELECT t.relname AS table, c.conname AS name, r.relname AS "refTable",
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) AS columns,
            array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o) AS "refColumns",
            c.confdeltype AS "onDelete", c.confupdtype AS "onUpdate"
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
  const enums = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema() GROUP BY t.typname`,
  );
  return {
    tables: new Set(tables.rows.map((r) => r.table).filter((t) => !BOOKKEEPING_TABLES.has(t))),
    columns: new Map(columns.rows.map((c) => [`${c.table}.${c.column}`, c])),
    indexes: new Map(indexes.rows.map((i) => [i.name, i])),
    foreignKeys: new Map(
      foreignKeys.rows.map((f) => [
        f.name,
        {
          ...f,
          onDelete: REFERENTIAL_ACTIONS[f.onDelete] ?? f.onDelete,
          onUpdate: REFERENTIAL_ACTIONS[f.onUpdate] ?? f.onUpdate,
        },
      ]),
    ),
    enums: new Map(enums.rows.map((e) => [e.name, e.values])),
  };
}

const tableOf = (model: Model) => model.dbName ?? model.name;
const columnOf = (field: Field) => field.dbName ?? field.name;

function expectedType(field: Field, enumNames: Map<string, string>): string {
  if (field.kind === "enum") return enumNames.get(field.type) ?? field.type;
  const [native, args = []] = (field.nativeType ?? [null, []]) as [string | null, string[]];
  if (native) {
    const known: Record<string, string> = {
      VarChar: `character varying(${args[0] ?? ""})`,
      Char: `character(${args[0] ?? ""})`,
      Text: "text",
      Date: "date",
      Timestamptz: `timestamp(${args[0] ?? 3}) with time zone`,
      Timestamp: `timestamp(${args[0] ?? 3}) without time zone`,
      Uuid: "uuid",
      SmallInt: "smallint",
      Integer: "integer",
      BigInt: "bigint",
      DoublePrecision: "double precision",
      Real: "real",
      JsonB: "jsonb",
      Json: "json",
      Boolean: "boolean",
    };
    return known[native] ?? native.toLowerCase();
  }
  const scalar: Record<string, string> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Decimal: "numeric(65,30)",
    Boolean: "boolean",
    DateTime: "timestamp(3) without time zone",
    Json: "jsonb",
    Bytes: "bytea",
  };
  return scalar[field.type] ?? field.type;
}

// `'READER'::"Role"`, `''::text`, `0` → the literal value as text.
function literalOf(expression: string): string {
  const quoted = /^'((?:[^']|'')*)'(?:::.+)?$/.exec(expression);
  if (quoted) return (quoted[1] ?? "").replaceAll("''", "'");
  return expression.replace(/::[\w ."()]+$/, "");
}

function checkDefault(field: Field, column: Column): string | undefined {
  const where = `${column.table}.${column.column}`;
  const actual = column.default;
  if (!field.hasDefaultValue || field.default === undefined) {
    return actual === null ? undefined : `${where}: unexpected default ${actual}`;
  }
  if (actual === null) return `${where}: default missing`;
  const wanted = field.default;
  if (typeof wanted === "object" && wanted !== null && "name" in wanted) {
    const ok =
      wanted.name === "autoincrement"
        ? actual.startsWith("nextval(")
        : wanted.name === "now"
          ? /^(CURRENT_TIMESTAMP|now\(\))/.test(actual)
          : true;
    return ok ? undefined : `${where}: default is ${actual}, schema says ${wanted.name}()`;
  }
  return literalOf(actual) === String(wanted)
    ? undefined
    : `${where}: default is ${actual}, schema says ${JSON.stringify(wanted)}`;
}

export async function diffSchema(url: string, datamodel: Datamodel): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let db: DatabaseSchema;
  try {
    db = await readDatabase(client);
  } finally {
    await client.end();
  }
  const problems: string[] = [];
  const enumNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const models = new Map(datamodel.models.map((m) => [m.name, m]));

  // Enums and their values, in order.
  for (const e of datamodel.enums) {
    const name = e.dbName ?? e.name;
    const wanted = e.values.map((v) => v.dbName ?? v.name);
    const actual = db.enums.get(name);
    if (!actual) problems.push(`enum ${name}: missing`);
    else if (actual.join(",") !== wanted.join(","))
      problems.push(`enum ${name}: values ${actual.join(",")}, schema says ${wanted.join(",")}`);
  }
  for (const name of db.enums.keys()) {
    if (![...enumNames.values()].includes(name)) problems.push(`enum ${name}: not in the schema`);
  }

  // Tables and columns.
  const expectedColumns = new Set<string>();
  for (const model of datamodel.models) {
    const table = tableOf(model);
    if (!db.tables.has(table)) {
      problems.push(`table ${table}: missing`);
      continue;
    }
    for (const field of model.fields) {
      if (field.kind !== "scalar" && field.kind !== "enum") continue;
      const key = `${table}.${columnOf(field)}`;
      expectedColumns.add(key);
      const column = db.columns.get(key);
      if (!column) {
        problems.push(`column ${key}: missing`);
        continue;
      }
      const type = column.type.replaceAll('"', "");
      const wantedType = expectedType(field, enumNames) + (field.isList ? "[]" : "");
      if (type !== wantedType) problems.push(`column ${key}: type ${type}, schema says ${wantedType}`);
      if (column.notNull !== field.isRequired) {
        problems.push(
          `column ${key}: ${column.notNull ? "NOT NULL" : "nullable"}, schema says ${field.isRequired ? "required" : "optional"}`,
        );
      }
      const defaultProblem = checkDefault(field, column);
      if (defaultProblem) problems.push(`column ${defaultProblem}`);
    }
  }
  const expectedTables = new Set(datamodel.models.map(tableOf));
  for (const table of db.tables) if (!expectedTables.has(table)) problems.push(`table ${table}: not in the schema`);
  for (const [key, column] of db.columns) {
    if (expectedTables.has(column.table) && !expectedColumns.has(key))
      problems.push(`column ${key}: not in the schema`);
  }

  // Primary keys, unique constraints and indexes, by Prisma's default names.
  const expectedIndexes = new Map<string, Omit<Index, "name" | "definition">>();
  for (const index of datamodel.indexes) {
    const model = models.get(index.model);
    if (!model) continue;
    const table = tableOf(model);
    const fields = new Map(model.fields.map((f) => [f.name, f]));
    const columns = index.fields.map((f) => {
      const field = fields.get(f.name);
      return field ? columnOf(field) : f.name;
    });
    const desc = index.fields.map((f) => f.sortOrder === "desc");
    const suffix = index.type === "id" ? "pkey" : index.type === "unique" ? "key" : "idx";
    const name = index.dbName ?? (index.type === "id" ? `${table}_pkey` : `${table}_${columns.join("_")}_${suffix}`);
    expectedIndexes.set(name, {
      table,
      primary: index.type === "id",
      unique: index.type !== "normal" && index.type !== "fulltext",
      columns,
      desc,
    });
  }
  for (const [name, wanted] of expectedIndexes) {
    const actual = db.indexes.get(name);
    const describe = (i: Omit<Index, "name" | "definition">) =>
      `${i.primary ? "PRIMARY KEY" : i.unique ? "UNIQUE" : "INDEX"} ON ${i.table}(${i.columns
        .map((c, n) => (i.desc[n] ? `${c} DESC` : c))
        .join(", ")})`;
    if (!actual) problems.push(`index ${name}: missing (${describe(wanted)})`);
    else if (describe(actual) !== describe(wanted))
      problems.push(`index ${name}: ${describe(actual)}, schema says ${describe(wanted)}`);
  }
  for (const [name, index] of db.indexes) {
    if (!expectedTables.has(index.table) || expectedIndexes.has(name)) continue;
    const wanted = MIGRATION_ONLY_INDEXES[name];
    if (wanted === undefined) problems.push(`index ${name}: not in the schema`);
    else if (index.definition !== wanted) problems.push(`index ${name}: ${index.definition}, expected ${wanted}`);
  }
  for (const [name, wanted] of Object.entries(MIGRATION_ONLY_INDEXES)) {
    if (!db.indexes.has(name)) problems.push(`index ${name}: missing (${wanted})`);
  }

  // Foreign keys with Prisma's referential-action defaults.
  const expectedKeys = new Map<string, Omit<ForeignKey, "name">>();
  for (const model of datamodel.models) {
    const table = tableOf(model);
    const fields = new Map(model.fields.map((f) => [f.name, f]));
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const target = models.get(field.type);
      if (!target) continue;
      const targetFields = new Map(target.fields.map((f) => [f.name, f]));
      const columns = field.relationFromFields.map((n) => {
        const f = fields.get(n);
        return f ? columnOf(f) : n;
      });
      const refColumns = (field.relationToFields ?? []).map((n) => {
        const f = targetFields.get(n);
        return f ? columnOf(f) : n;
      });
      const required = field.relationFromFields.every((n) => fields.get(n)?.isRequired);
      expectedKeys.set(`${table}_${columns.join("_")}_fkey`, {
        table,
        columns,
        refTable: tableOf(target),
        refColumns,
        onDelete: field.relationOnDelete ?? (required ? "Restrict" : "SetNull"),
        onUpdate: (field as { relationOnUpdate?: string }).relationOnUpdate ?? "Cascade",
      });
    }
  }
  const describeKey = (k: Omit<ForeignKey, "name">) =>
    `${k.table}(${k.columns.join(", ")}) → ${k.refTable}(${k.refColumns.join(", ")}) ON DELETE ${k.onDelete} ON UPDATE ${k.onUpdate}`;
  for (const [name, wanted] of expectedKeys) {
    const actual = db.foreignKeys.get(name);
    if (!actual) problems.push(`foreign key ${name}: missing (${describeKey(wanted)})`);
    else if (describeKey(actual) !== describeKey(wanted))
      problems.push(`foreign key ${name}: ${describeKey(actual)}, schema says ${describeKey(wanted)}`);
  }
  for (const name of db.foreignKeys.keys()) {
    if (!expectedKeys.has(name)) problems.push(`foreign key ${name}: not in the schema`);
  }
  return problems;
}
