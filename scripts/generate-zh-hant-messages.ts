// Writes messages/zh-Hant.json, the Traditional Chinese UI catalogue (SITE_LOCALE=zh-Hant), from
// messages/zh-CN.json: OpenCC's Simplified → Traditional (Taiwan) conversion with Taiwan's UI
// vocabulary (登录 → 登入, 搜索 → 搜尋, 设置 → 設定), then the few words below that the
// dictionary leaves as mainland usage. ICU placeholders ({count, plural, …}) are ASCII and pass
// through. A test (lib/i18n/messages.test.ts) fails when the file is out of date: run this after
// changing zh-CN.json.
//
//   npx tsx scripts/generate-zh-hant-messages.ts
import { readFileSync, writeFileSync } from "node:fs";
import { zhHantCatalogue } from "@/lib/i18n/zh-hant-catalogue";

const source = JSON.parse(readFileSync(new URL("../messages/zh-CN.json", import.meta.url), "utf8")) as object;
writeFileSync(
  new URL("../messages/zh-Hant.json", import.meta.url),
  `${JSON.stringify(zhHantCatalogue(source), null, 2)}\n`,
);
