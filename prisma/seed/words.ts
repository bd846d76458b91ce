// Word lists for the demo catalog. Everything here is invented; combinations are drawn by the
// seeded generator in text.ts.

export const CATEGORIES = [
  { slug: "xuanhuan", name: "玄幻", nameEn: "Fantasy", genre: "fantasy" },
  { slug: "qihuan", name: "奇幻", nameEn: "Epic Fantasy", genre: "fantasy" },
  { slug: "wuxia", name: "武侠", nameEn: "Wuxia", genre: "wuxia" },
  { slug: "dushi", name: "都市", nameEn: "Urban", genre: "urban" },
  { slug: "yanqing", name: "言情", nameEn: "Romance", genre: "romance" },
  { slug: "lishi", name: "历史", nameEn: "History", genre: "history" },
  { slug: "kehuan", name: "科幻", nameEn: "Sci-fi", genre: "scifi" },
  { slug: "xuanyi", name: "悬疑", nameEn: "Mystery", genre: "mystery" },
  { slug: "youxi", name: "游戏", nameEn: "Games", genre: "games" },
] as const;

export type Genre = (typeof CATEGORIES)[number]["genre"];

export const TAGS: readonly (readonly [string, string])[] = [
  ["xitong", "系统"],
  ["chongsheng", "重生"],
  ["chuanyue", "穿越"],
  ["rexue", "热血"],
  ["qingsong", "轻松"],
  ["shuangwen", "爽文"],
  ["xiuxian", "修仙"],
  ["wudi", "无敌流"],
  ["zhongtian", "种田"],
  ["moshi", "末世"],
  ["xingji", "星际"],
  ["tuili", "推理"],
  ["qunxiang", "群像"],
  ["nvqiang", "女强"],
  ["tianchong", "甜宠"],
  ["xiaoyuan", "校园"],
  ["zhichang", "职场"],
  ["quanmou", "权谋"],
  ["kongbu", "惊悚"],
  ["dianjing", "电竞"],
  ["litrpg", "LitRPG"],
  ["slow-burn", "Slow burn"],
];

// ----- people ---------------------------------------------------------------------------

export const SURNAMES = [..."林叶萧秦苏陆江沈顾楚韩唐白许周陈李王赵孙方宁罗温夏魏谢程吕杜"];
export const GIVEN = [..."凡尘云风辰羽轩逸墨寒月雪瑶婉清若宁安浩天昊宇星河瑾言默川舟遥晚晴霜岚玄青烟"];

export const PEN_PREFIX = [
  "爱潜水的",
  "会飞的",
  "不吃香菜的",
  "深夜",
  "孤独的",
  "快乐的",
  "沉默的",
  "半夏",
  "南山",
  "北冥",
  "东篱",
  "西风",
  "青衫",
  "醉卧",
  "听雨",
];
export const PEN_SUFFIX = [
  "乌贼",
  "土豆",
  "西红柿",
  "猫",
  "咸鱼",
  "书生",
  "老狗",
  "小刀",
  "明月",
  "流年",
  "剑客",
  "闲人",
  "橘子",
  "青蛙",
  "故人",
];
export const PEN_EN = [
  "Morgan Vale",
  "Iris Thornbury",
  "Jasper Quill",
  "R. K. Ashdown",
  "Nell Harrow",
  "Owen Fairweather",
];

// ----- book titles --------------------------------------------------------------------

export const TITLE_CORE = [
  "星辰",
  "万古",
  "九天",
  "太初",
  "诸天",
  "龙渊",
  "苍穹",
  "神墓",
  "剑来",
  "长生",
  "混沌",
  "玄黄",
  "天道",
  "焚天",
  "凌霄",
  "逆世",
  "无尽",
  "永夜",
  "沧海",
  "浮生",
];
export const TITLE_TAIL = ["变", "诀", "录", "传", "记", "纪", "神帝", "至尊", "剑主", "武神", "战歌", "仙途"];
export const TITLE_LORD = ["诡秘", "深渊", "星海", "灰烬", "长夜", "迷雾", "群星", "时光", "命运", "梦境"];
export const TITLE_ROLE = [
  "学霸",
  "少年",
  "废柴",
  "小医生",
  "外卖员",
  "实习生",
  "穷书生",
  "小道士",
  "程序员",
  "小捕快",
];
export const TITLE_GOAL = ["星辰大海", "万里山河", "无上巅峰", "诸天万界", "一世长安", "人间烟火", "九州之巅"];
export const TITLE_PLACE = ["末世", "大唐", "大明", "修仙界", "星际", "北宋", "异世界", "娱乐圈", "深山", "三国"];
export const TITLE_DOING = ["种田", "当县令", "开饭馆", "摆地摊", "当医生", "养龙", "修仙", "开书院", "建城", "卖烧烤"];
export const TITLE_REBORN = ["都市狂仙", "商业帝国", "顶级学神", "影帝之路", "无敌剑神", "逆袭人生", "最强医圣"];
export const TITLE_ADJ_NOUN_A = ["大", "全职", "一念", "斗破", "完美", "遮天", "雪中", "庆余", "赘婿", "夜的"];
export const TITLE_ADJ_NOUN_B = [
  "奉打更人",
  "高手",
  "永恒",
  "苍穹",
  "世界",
  "长歌",
  "悍刀行",
  "年华",
  "当道",
  "命名术",
];
export const TITLE_MYSTERY = [
  "第十三号档案",
  "无人生还的夜",
  "沉默的证人",
  "消失的第七天",
  "镜中人",
  "雨夜凶铃",
  "不存在的房间",
];
export const TITLE_SCIFI = ["深空回响", "星舰时代", "硅基黎明", "群星之上", "第五文明", "光年之外", "量子坟场"];

export const EN_TITLE_ADJ = [
  "Silent",
  "Crimson",
  "Last",
  "Hollow",
  "Iron",
  "Wandering",
  "Broken",
  "Endless",
  "Gilded",
  "Ashen",
];
export const EN_TITLE_NOUN = [
  "Crown",
  "Dungeon",
  "Archmage",
  "Tide",
  "Lantern",
  "Citadel",
  "Oath",
  "Frontier",
  "Garden",
  "Harbor",
];
export const EN_TITLE_OF = [
  "Ash",
  "Stars",
  "the Deep",
  "Winter",
  "Ten Thousand Roads",
  "the Fallen Sky",
  "Salt and Iron",
];

// ----- genre vocabulary ---------------------------------------------------------------

export type Vocab = {
  places: readonly string[];
  orgs: readonly string[];
  powers: readonly string[];
  items: readonly string[];
  foes: readonly string[];
  levels: readonly string[];
  elders: readonly string[];
};

const FANTASY: Vocab = {
  places: ["青云山", "天玄城", "落霞谷", "万妖森林", "葬剑崖", "北荒", "云海之巅", "玄冰洞"],
  orgs: ["万剑宗", "天机阁", "太虚门", "血煞殿", "丹鼎宗", "星河学院"],
  powers: ["灵力", "真元", "斗气", "剑意", "神识", "血脉之力"],
  items: ["玄铁重剑", "九转还魂丹", "混沌珠", "古老的戒指", "残破的剑谱", "星辰碎片"],
  foes: ["魔道妖人", "血煞殿主", "上古妖兽", "黑袍老者", "天骄榜首"],
  levels: ["炼气", "筑基", "金丹", "元婴", "化神", "渡劫"],
  elders: ["大长老", "宗主", "师尊", "药老", "剑老"],
};
const WUXIA: Vocab = {
  places: ["洛阳城", "华山之巅", "江南小镇", "大漠孤城", "悦来客栈", "少林寺后山", "断肠崖"],
  orgs: ["丐帮", "峨眉派", "青城派", "天下会", "锦衣卫", "日月神教"],
  powers: ["内力", "掌风", "剑气", "轻功", "真气"],
  items: ["倚天剑", "半本秘籍", "一坛女儿红", "青铜令牌", "染血的书信"],
  foes: ["黑衣刺客", "魔教护法", "江湖败类", "东厂番子"],
  levels: ["二流高手", "一流高手", "宗师", "大宗师"],
  elders: ["掌门", "师父", "老乞丐", "扫地僧"],
};
const URBAN: Vocab = {
  places: ["江城", "滨海市", "云顶酒店", "第一人民医院", "老城区的巷子", "CBD写字楼", "城中村"],
  orgs: ["天恒集团", "苏氏集团", "华夏医学会", "龙腾安保公司", "省城赵家"],
  powers: ["医术", "古武", "眼力", "商业头脑", "神秘传承"],
  items: ["一根银针", "一份合同", "一辆旧摩托", "一块古玉", "一张黑卡"],
  foes: ["赵家大少", "黑心老板", "地下拳王", "海外财团"],
  levels: ["新人", "主管", "总监", "董事长"],
  elders: ["老爷子", "院长", "师父", "老板"],
};
const ROMANCE: Vocab = {
  places: ["街角的咖啡馆", "图书馆", "公司楼下", "海边小城", "大学校园", "旧书店"],
  orgs: ["顾氏集团", "星光娱乐", "市一中", "设计工作室"],
  powers: ["勇气", "温柔", "倔强", "才华"],
  items: ["一封情书", "一把雨伞", "一杯拿铁", "一条旧围巾", "一张电影票"],
  foes: ["前女友", "心机闺蜜", "家族联姻", "误会"],
  levels: ["实习生", "设计师", "总裁助理", "合伙人"],
  elders: ["外婆", "顾母", "老板", "班主任"],
};
const HISTORY: Vocab = {
  places: ["长安", "汴京", "金銮殿", "江南织造府", "北疆边关", "扬州码头", "县衙"],
  orgs: ["朝廷", "兵部", "户部", "东宫", "内阁", "商会"],
  powers: ["兵法", "权谋", "格物之学", "经商之道", "民心"],
  items: ["一道圣旨", "虎符", "一本账册", "火器图纸", "一封密信"],
  foes: ["奸相", "北狄铁骑", "贪官污吏", "藩王"],
  levels: ["县令", "知府", "侍郎", "尚书", "首辅"],
  elders: ["陛下", "老太傅", "父亲", "老将军"],
};
const SCIFI: Vocab = {
  places: ["火星基地", "第七舰队旗舰", "近地轨道站", "废土之城", "深空观测站", "新上海"],
  orgs: ["星际联邦", "第七舰队", "基因研究所", "机械教团", "地球防卫军"],
  powers: ["精神力", "基因潜能", "算力", "能量护盾"],
  items: ["一枚芯片", "曲率引擎核心", "古老的星图", "一台机甲", "量子通讯器"],
  foes: ["虫族母巢", "叛乱的人工智能", "星际海盗", "高维文明"],
  levels: ["学员", "尉官", "校官", "将军"],
  elders: ["舰长", "教授", "老船长", "首席科学家"],
};
const MYSTERY: Vocab = {
  places: ["废弃的老宅", "市局档案室", "雨夜的隧道", "山中旅馆", "精神病院旧址", "凶案现场"],
  orgs: ["刑侦支队", "法医中心", "私家侦探社", "报社"],
  powers: ["推理", "观察力", "直觉", "记忆力"],
  items: ["一张旧照片", "一段监控录像", "一把生锈的钥匙", "一本日记", "一枚纽扣"],
  foes: ["连环杀手", "幕后黑手", "神秘来信人", "凶手"],
  levels: ["实习警员", "刑警", "队长", "顾问"],
  elders: ["老刑警", "局长", "法医", "师父"],
};
const GAMES: Vocab = {
  places: ["新手村", "黑石要塞", "遗忘之塔", "主城拍卖行", "深渊副本", "世界擂台"],
  orgs: ["霸刀公会", "天下第一公会", "职业战队", "游戏官方"],
  powers: ["操作", "意识", "隐藏职业", "天赋技能"],
  items: ["一把史诗级长弓", "隐藏任务卷轴", "传说装备", "一枚复活币"],
  foes: ["世界BOSS", "敌对公会会长", "职业选手", "外挂玩家"],
  levels: ["十级", "三十级", "五十级", "满级"],
  elders: ["会长", "教练", "老玩家", "NPC老头"],
};

export const VOCAB: Record<Genre, Vocab> = {
  fantasy: FANTASY,
  wuxia: WUXIA,
  urban: URBAN,
  romance: ROMANCE,
  history: HISTORY,
  scifi: SCIFI,
  mystery: MYSTERY,
  games: GAMES,
};

// ----- Chinese sentences --------------------------------------------------------------
// Placeholders: {A} protagonist, {B} {C} other characters, {E} an elder, {P} place, {O}
// organisation, {W} power, {I} item, {F} foe, {L} level.

export const ZH_NARRATION = [
  "{A}深吸一口气，目光落在{P}的方向，久久没有说话。",
  "夜色渐深，{P}的灯火一盏接一盏地熄灭了。",
  "{A}心中一动，隐隐觉得事情没有那么简单。",
  "{B}站在不远处，神色复杂地看着这一幕。",
  "这一刻，所有人的目光都集中在{A}身上。",
  "{A}缓缓握紧了拳头，体内的{W}开始躁动起来。",
  "谁也没有想到，{O}竟会在这个时候出手。",
  "{I}静静地躺在桌上，泛着淡淡的光芒。",
  "消息传开之后，整个{P}都沸腾了。",
  "{A}没有回头，只是脚步微微一顿。",
  "风从窗外吹进来，带着一丝凉意。",
  "{C}愣了片刻，随即反应过来，脸色变得十分难看。",
  "{E}捋了捋胡须，眼中闪过一抹赞许。",
  "三天的时间转瞬即逝。",
  "{A}知道，真正的考验才刚刚开始。",
  "四周一片寂静，只能听见彼此的呼吸声。",
  "{F}的身影出现在{P}的入口，带来一股压迫感。",
  "{A}低头看了看手中的{I}，若有所思。",
  "这个答案，让在场的众人都沉默了。",
  "{B}咬了咬嘴唇，终究还是没有开口。",
  "远处传来一阵急促的脚步声，打破了片刻的宁静。",
  "{A}想起了很多年前的那个下午，想起了那个人说过的话。",
  "如果说之前只是猜测，那么现在，{A}已经可以确定了。",
  "{O}的人来得比预想中更快。",
  "短短数日，{A}的名字便在{P}传开了。",
  "{A}将{W}运转到极致，整个人如同一柄出鞘的利剑。",
  "雨越下越大，街道上几乎看不到行人。",
  "{C}的话音刚落，大厅里便响起了一阵议论声。",
  "没有人注意到，角落里有一双眼睛始终盯着{A}。",
  "{A}终于明白，{E}当初为什么要那样做。",
  "阳光透过云层洒落下来，照得{P}一片金黄。",
  "一切都和{A}记忆中的一模一样，却又好像完全不同了。",
  "{B}轻轻叹了口气，转身走向{P}深处。",
  "这是{A}第一次真正面对{F}。",
  "想要突破到{L}，光靠努力是远远不够的。",
  "{A}的嘴角微微上扬，露出一抹意味深长的笑容。",
];

export const ZH_SCENERY = [
  "月光如水，洒在青石板路上，",
  "天边的晚霞红得像火，",
  "窗外的梧桐叶沙沙作响，",
  "远山如黛，薄雾缭绕，",
  "街灯昏黄，行人寥寥，",
  "空气中弥漫着淡淡的药香，",
  "冷风卷起地上的落叶，",
  "城墙上的旗帜猎猎作响，",
];

export const ZH_LINES = [
  "这一次，我绝不会再退让。",
  "你以为凭你，也配站在这里？",
  "事情没有你想的那么简单。",
  "我只问你一句，当年的事，和你有没有关系？",
  "走吧，再不走就来不及了。",
  "有意思，真是有意思。",
  "你放心，答应你的事，我一定做到。",
  "{A}，你到底是什么人？",
  "三天之后，{P}见。",
  "这件事，{O}不会就这么算了。",
  "我要的不多，只要一个公道。",
  "你变了。",
  "从今天起，{I}归你保管。",
  "小心，{F}就在附近！",
  "想要突破{L}，你还差得远呢。",
  "别怕，有我在。",
  "他们都说不可能，可我偏要试一试。",
  "我们之间，早就两清了。",
  "这就是你的全部实力？",
  "等这件事结束，我请你喝酒。",
  "你说什么？再说一遍！",
  "原来如此……我早该想到的。",
  "{E}说过，真正的强者从不回头。",
  "谢谢你，一直以来都谢谢你。",
  "有些路，只能一个人走。",
  "我赌你不敢。",
];

export const ZH_TAGS_BEFORE = [
  "{A}沉声道：",
  "{B}冷笑一声：",
  "{C}忍不住问道：",
  "{E}缓缓开口：",
  "{B}压低了声音：",
  "{A}淡淡地说：",
  "{C}急道：",
  "{F}狂笑道：",
];

export const ZH_TAGS_AFTER = [
  "{A}说完，转身便走。",
  "{B}的声音有些发颤。",
  "{C}瞪大了眼睛。",
  "{E}意味深长地看了{A}一眼。",
  "{A}笑了笑，没有再解释。",
  "说这话的时候，{B}始终没有抬头。",
  "{F}的脸色瞬间阴沉下来。",
  "话音未落，{C}已经冲了出去。",
];

export const ZH_THOUGHTS = [
  "{A}心中暗道：“看来得加快速度了。”",
  "“难道是他？”{A}心头一凛。",
  "“不对劲。”{A}皱起了眉头。",
  "“原来{I}还有这样的用处。”{A}暗暗记下。",
];

export const ZH_INTRO = [
  "{A}本是{P}一个普通的少年，却因一次意外得到了{I}。",
  "从此，{A}踏上了一条谁也没有走过的路。",
  "{O}风云变幻，{F}暗中窥伺，一场席卷天下的风暴正在酝酿。",
  "一个人，一段传奇，一场关于成长与守护的故事。",
  "当所有人都以为{A}会就此沉沦的时候，{A}却站了起来。",
  "这是最好的时代，也是最坏的时代。",
  "{E}临终前留下一句话：去{P}，找到真相。",
  "重来一次，{A}发誓绝不再让身边的人受到伤害。",
  "且看{A}如何一步步走上巅峰，书写属于自己的传说。",
  "{B}说，遇见{A}是她这辈子最大的意外。",
];

export const ZH_CHAPTER_TITLES = [
  "初入{P}",
  "风雨欲来",
  "{I}",
  "意外的访客",
  "一鸣惊人",
  "暗流涌动",
  "{A}的决定",
  "大战{F}",
  "真相",
  "重逢",
  "突破{L}",
  "不速之客",
  "夜探{P}",
  "交易",
  "局中局",
  "{O}来人",
  "故人",
  "绝境",
  "反击",
  "尘埃落定",
  "新的开始",
  "谁是猎物",
  "赌约",
  "秘密",
  "山雨欲来风满楼",
  "一念之间",
  "各方云动",
  "逆转",
  "生死一线",
  "归来",
  "{B}的心事",
  "无声的告别",
  "最后的机会",
  "答案",
];

export const ZH_VOLUMES = [
  "少年初长成",
  "风起云涌",
  "潜龙在渊",
  "星河万里",
  "天下大势",
  "归来仍是少年",
  "山河故人",
  "长夜将明",
  "龙战于野",
];

export const ZH_NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

// ----- English ------------------------------------------------------------------------

export const EN_NAMES = [
  "Elara",
  "Kael",
  "Mira",
  "Tomas",
  "Wren",
  "Dorian",
  "Sable",
  "Fen",
  "Isolde",
  "Corin",
  "Lyra",
  "Bram",
];
export const EN_PLACES = [
  "the Ashen Gate",
  "Harrowmere",
  "the lower city",
  "the old lighthouse",
  "Greywater Keep",
  "the dungeon's third floor",
  "the Guild Hall",
];
export const EN_ITEMS = [
  "the cracked amulet",
  "a rusted key",
  "the guild ledger",
  "an unmarked map",
  "the blue-glass lantern",
];
export const EN_FOES = ["the Hollow King", "the guild enforcers", "a pack of shadow wolves", "the Inquisitor"];

export const EN_NARRATION = [
  "{A} took a slow breath and looked toward {P}.",
  "The wind had changed, and it carried the smell of rain.",
  "Nobody spoke for a long moment.",
  "{B} was watching from the doorway, arms folded, saying nothing.",
  "It was not the first time {A} had wondered whether this was a mistake.",
  "Somewhere below, a bell began to ring.",
  "{A} turned {I} over in one hand, feeling the weight of it.",
  "The lamps along the street flickered and steadied.",
  "By the time they reached {P}, the sun had already set.",
  "{C} laughed, but there was no humor in it.",
  "Three days passed without a word from {B}.",
  "There were footprints in the dust, and they were fresh.",
  "{A} had trained for this, but training was not the same as doing.",
  "The notification blinked at the edge of {A}'s vision, patient and insistent.",
  "For once, the city was quiet.",
  "{B} had always been better at lying than {A}.",
  "It would be hours before anyone noticed they were gone.",
  "The stairs creaked under every step, no matter how carefully {A} placed a foot.",
  "Rumors of {F} had reached even the smallest villages by now.",
  "{A} remembered what the old woman had said, and for the first time, believed it.",
  "The map had been wrong before, but never this badly.",
  "{C} slid a cup of something hot across the table.",
  "Outside, the first snow of the year was beginning to fall.",
  "Every instinct told {A} to run; {A} stayed.",
];

export const EN_LINES = [
  "We don't have much time.",
  "You knew, didn't you? You knew the whole time.",
  "I'm not leaving without {B}.",
  "That's not a plan, that's a wish.",
  "Tell me what happened at {P}.",
  "If you're going to do something stupid, at least let me help.",
  "It's fine. I'm fine.",
  "Keep your voice down.",
  "We should have turned back an hour ago.",
  "Whatever you do, don't touch {I}.",
  "I made a promise, and I intend to keep it.",
  "How many of them are there?",
  "You're late.",
  "Trust me. Just this once.",
];

export const EN_TAGS = [
  "{A} said quietly.",
  "{B} muttered.",
  "{C} asked, frowning.",
  "{B} said, not looking up.",
  "{A} replied after a pause.",
  "{C} snapped.",
];

export const EN_INTRO = [
  "{A} was supposed to be nobody: a porter in {P}, invisible and safe.",
  "Then {I} turned up in the wrong pocket, and everything changed.",
  "Now {F} wants it back, and {A} has one season to learn how to survive.",
  "A story about found family, stubborn hope and very bad decisions.",
  "Slow-burn progression, clever fights and a world that remembers.",
];

export const EN_CHAPTER_TITLES = [
  "The Gate",
  "A Debt Repaid",
  "Lanterns",
  "Into {P}",
  "What {B} Knew",
  "Cold Iron",
  "The Long Night",
  "An Offer",
  "Fault Lines",
  "Homecoming",
  "Second Floor",
  "The Ledger",
  "Small Mercies",
  "Ashes",
];

export const EN_VOLUMES = ["Beginnings", "The Deep Roads", "Winter Court", "Ashfall"];
