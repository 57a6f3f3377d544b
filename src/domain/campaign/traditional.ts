/**
 * Traditional → simplified characters, for matching only: a resident in Hong Kong or Taiwan writes
 * 違章建築 or 清運, the vocabulary says 违章建筑 and 清运. The table covers the characters of the
 * campaign's and notices' words and of common question words (not a full converter, which would
 * be a heavy dependency for a few hundred characters). Pairs: traditional, then simplified.
 */
const PAIRS =
  "違违築筑運运車车處处廣广牆墙欄栏樹树綠绿帶带園园鋪铺設设蓋盖溝沟補补資资錢钱經经費费締缔無无證证飲饮營营藥药發发滅灭週周衛卫參参與与數数動动場场實实踐践願愿環环" +
  "調调問问曉晓黨党員员創创幾几個个總总計计況况進进達达標标麼么樣样時时號号點点報报訂订閱阅講讲課课學学專专簡简殺杀蟲虫掃扫潔洁這这禮礼當当內内嗎吗沒没還还過过來来" +
  "說说會会為为對对間间題题區区貼贴張张亂乱攤摊販贩壞坏線线圖图傳传單单門门種种應应該该們们見见現现從从給给幫帮請请謝谢誰谁餘余萬万兩两塊块戶户噸吨鏟铲雜杂邊边體体" +
  "長长東东務务義义際际導导頭头據据檢检測测統统織织組组級级結结狀状態态業业執执罰罚規规劃划髒脏淨净塗涂噴喷灑洒蒼苍蠅蝇廳厅館馆飯饭關关閉闭網网絡络視视聞闻話话語语" +
  "讀读寫写書书畫画習习師师層层樓楼屬属幹干後后裡里裏里隻只準准適适臺台颱台雲云積积麵面擴扩衝冲華华鄰邻歡欢啟启勞劳優优慶庆劑剂臟脏繳缴領领預预約约變变舉举辦办電电" +
  "氣气條条錄录記记紀纪續续歷历曆历擬拟護护衆众眾众貨货財财貢贡購购買买賣卖價价強强鐘钟陽阳陰阴寶宝濕湿灣湾淺浅漢汉國国愛爱讓让認认識识議议訪访談谈論论許许試试詢询" +
  "誤误謂谓輛辆輸输載载軍军轉转輕轻較较鐵铁銷销鋼钢錯错鏽锈閒闲開开陸陆隊队難难雙双雞鸡離离靜静響响頂顶項项順顺須须頓顿額额風风飛飞餅饼養养驗验髮发鬆松魚鱼鳥鸟鹽盐" +
  "麥麦齊齐龍龙龜龟綫线紙纸納纳紅红細细終终絕绝維维綜综緊紧緣缘編编練练縣县績绩繼继聯联聲声職职腦脑臉脸興兴舊旧艱艰藝艺節节範范籃篮壓压壇坛墳坟壯壮夢梦夥伙奪夺婦妇" +
  "孫孙寧宁將将尋寻嶺岭幣币彈弹徵征憶忆懷怀戰战擁拥擇择擔担攝摄敗败敵敌斷断於于朧胧棄弃極极構构樂乐機机檔档權权歸归殘残殼壳決决沖冲淚泪濟济灘滩燈灯燒烧爐炉爭争牽牵" +
  "獎奖獨独猶犹獲获瑪玛產产畢毕異异療疗盡尽監监盤盘碼码礎础禍祸稅税穩稳窮穷竊窃筆笔籤签糧粮紮扎緒绪罷罢羅罗聖圣膽胆蘭兰蝦虾裝装襪袜覺觉觀观訓训託托詞词諾诺豬猪貓猫" +
  "貝贝負负貧贫責责賞赏賽赛趕赶趨趋蹟迹躍跃軟软辭辞農农遞递遺遗郵邮鄉乡醫医釋释針针鈕钮銀银鍋锅鎮镇閃闪閣阁陣阵險险隨随隱隐雖虽靈灵韓韩頻频顧顾顯显餓饿騎骑驚惊鬥斗" +
  "魯鲁鮮鲜鹹咸";

let table: Map<string, string> | undefined;

/** The text with every traditional character of the table replaced by its simplified form. */
export function toSimplified(text: string): string {
  if (table === undefined) {
    table = new Map();
    const chars = [...PAIRS];
    for (let i = 0; i + 1 < chars.length; i += 2) table.set(chars[i] ?? "", chars[i + 1] ?? "");
  }
  const map = table;
  return text.replace(/[\u3400-\u9fff]/g, (c) => map.get(c) ?? c);
}
