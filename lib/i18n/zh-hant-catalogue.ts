import { openCC } from "./script-convert";

type Tree = { [key: string]: string | Tree };

// Words of the UI that Taiwan and Hong Kong sites say differently and OpenCC's phrase table does
// not change (checked against its output).
const UI_WORDS: readonly (readonly [string, string])[] = [
  ["賬號", "帳號"],
  ["賬戶", "帳戶"],
  ["退出登入", "登出"],
  ["當前", "目前"],
  ["用戶名", "使用者名稱"],
  ["視頻", "影片"],
  ["鏈接", "連結"],
  ["默認", "預設"],
  ["郵箱", "電子郵件"],
];

/** The Traditional Chinese UI catalogue made from the Simplified one (scripts/generate-zh-hant-messages.ts). */
export function zhHantCatalogue(source: object): Tree {
  const OpenCC = openCC();
  const toTaiwan = OpenCC.Converter({ from: "cn", to: "twp" });
  const words = OpenCC.CustomConverter(UI_WORDS);
  const convert = (tree: Tree): Tree =>
    Object.fromEntries(
      Object.entries(tree).map(([key, value]) => [
        key,
        typeof value === "string" ? words(toTaiwan(value)) : convert(value),
      ]),
    );
  return convert(source as Tree);
}
