/**
 * Searches the way workers type them: everyday words (search-words/everyday-words.json), pinyin
 * initials of trades and the postings' own words; each query must bring its expected job back.
 */
import { JobListResponseSchema } from '@zhuanyi/shared';
import { useTestDb } from '../../test-support/test-db';
import { testApp } from '../../test-support/test-app';
import { buildEmployer, buildJob } from '../../test-support/factories';
import { Job } from './job.model';
import { backfillJobSearchFields } from './jobs.repository';

const db = useTestDb({ clearBetweenTests: false });
const http = () => testApp(db.database).http();
const titles = async (q: string): Promise<string[]> =>
  JobListResponseSchema.parse((await http().get(`/api/v1/jobs?limit=50&q=${encodeURIComponent(q)}`).expect(200)).body).items.map((j) => j.title);

// Title, trade, description: none of them holds the everyday words asked for below.
const JOBS: [string, string, string][] = [
  ['招聘钢筋工（住宅项目）', '钢筋工', '按天结算，项目部提供宿舍。'],
  ['建筑普工长期招', '建筑普工', '施工现场搬运材料。'],
  ['砌筑工若干', '砌筑工', '砖混结构，计件。'],
  ['货车司机（A2）', '货车司机', '跑省内线路，车况好。'],
  ['叉车司机', '叉车司机', '持证上岗，仓库内作业。'],
  ['挖掘机司机', '挖掘机司机', '矿区作业，包吃住。'],
  ['中餐厨师', '厨师', '酒店后厨，炒锅。'],
  ['饭店服务员', '服务员', '点菜传菜，月休四天。'],
  ['面点师傅', '中式面点师', '包子馒头花卷。'],
  ['牧场养殖工', '养殖工', '负责羊群饲喂和防疫。'],
  ['肉牛养殖场饲养员', '养殖工', '饲喂、清圈。'],
  ['生猪养殖场饲养员', '养殖工', '猪场封闭管理。'],
  ['大棚蔬菜种植工', '种植工', '温室大棚管理。'],
  ['拾花工（季节性）', '采摘工', '棉花采摘，按公斤计价。'],
  ['果园采摘工', '采摘工', '苹果采摘装箱。'],
  ['育婴员', '家政服务员', '照看一岁宝宝。'],
  ['住家保姆', '家政服务员', '做饭、打扫、接送小孩。'],
  ['金牌月嫂', '家政服务员', '母婴护理26天。'],
  ['养老院护理员', '养老护理员', '照料失能老人起居。'],
  ['医院陪护', '护工', '陪护住院病人。'],
  ['写字楼保洁员', '保洁员', '楼层清洁。'],
  ['环卫工人', '环卫工', '道路清扫。'],
  ['小区保安', '保安员', '门岗值守，三班倒。'],
  ['电子厂普工', '普工', '流水线组装，坐班。'],
  ['食品厂包装工', '包装工', '车间包装，空调。'],
  ['服装厂缝纫工', '缝纫工', '车工，计件。'],
  ['快递分拣员', '分拣员', '分拣中心夜班。'],
  ['外卖骑手', '外卖骑手', '自备电动车，多劳多得。'],
  ['物流装卸工', '装卸工', '装车卸车。'],
  ['仓库理货员', '理货员', '出入库盘点。'],
  ['公路养护工', '道路养护员', '国道日常养护。'],
  ['生态护林员', '护林员', '巡山防火。'],
  ['馕坑师傅', '馕制作', '传统烤制。'],
  ['室内油漆工', '油漆工', '墙面涂料。'],
  ['水电安装工', '水电工', '家装水电。'],
  ['汽车维修工', '汽修工', '小车保养。'],
  ['理发师', '美发师', '男士快剪。'],
  ['超市收银员', '收银员', '早晚班。'],
  ['商场导购', '营业员', '服装专柜。'],
  ['酒店传菜员', '服务员', '餐饮部。'],
  ['后厨洗碗工', '洗碗工', '餐饮后厨。'],
  ['熟练电焊工', '电焊工', '二保焊。'],
  ['持证电工', '电工', '厂区配电维护。'],
  ['CAD制图员', '制图员', '建筑图纸。'],
];

// [query, a job it must find]
const QUERIES: [string, string][] = [
  ['工地', '招聘钢筋工（住宅项目）'],
  ['工地', '建筑普工长期招'],
  ['盖房子', '砌筑工若干'],
  ['搬砖', '建筑普工长期招'],
  ['开车', '货车司机（A2）'],
  ['开车', '挖掘机司机'],
  ['司机', '叉车司机'],
  ['跑车', '货车司机（A2）'],
  ['拉货', '物流装卸工'],
  ['饭店', '中餐厨师'],
  ['饭店', '饭店服务员'],
  ['做饭', '面点师傅'],
  ['厨子', '中餐厨师'],
  ['餐馆', '酒店传菜员'],
  ['放羊', '牧场养殖工'],
  ['放牛', '肉牛养殖场饲养员'],
  ['放牧', '牧场养殖工'],
  ['养牛', '肉牛养殖场饲养员'],
  ['喂猪', '生猪养殖场饲养员'],
  ['种地', '大棚蔬菜种植工'],
  ['种菜', '大棚蔬菜种植工'],
  ['摘棉花', '拾花工（季节性）'],
  ['摘果子', '果园采摘工'],
  ['看孩子', '育婴员'],
  ['带孩子', '住家保姆'],
  ['保姆', '金牌月嫂'],
  ['伺候月子', '金牌月嫂'],
  ['照顾老人', '养老院护理员'],
  ['伺候老人', '医院陪护'],
  ['看病人', '医院陪护'],
  ['打扫卫生', '写字楼保洁员'],
  ['扫地', '环卫工人'],
  ['扫大街', '环卫工人'],
  ['看大门', '小区保安'],
  ['守夜', '小区保安'],
  ['进厂', '电子厂普工'],
  ['进厂', '食品厂包装工'],
  ['厂里', '电子厂普工'],
  ['缝衣服', '服装厂缝纫工'],
  ['做衣服', '服装厂缝纫工'],
  ['送快递', '快递分拣员'],
  ['送外卖', '外卖骑手'],
  ['跑腿', '外卖骑手'],
  ['扛包', '物流装卸工'],
  ['卸货', '仓库理货员'],
  ['仓库', '叉车司机'],
  ['修路', '公路养护工'],
  ['看林子', '生态护林员'],
  ['烤馕', '馕坑师傅'],
  ['刷墙', '室内油漆工'],
  ['装修', '水电安装工'],
  ['修车', '汽车维修工'],
  ['理发', '理发师'],
  ['卖东西', '商场导购'],
  ['站柜台', '超市收银员'],
  ['端盘子', '饭店服务员'],
  ['洗碗', '后厨洗碗工'],
  ['焊东西', '熟练电焊工'],
  ['接电线', '持证电工'],
  // Pinyin initials of the trade, whole or as typed so far.
  ['dhg', '熟练电焊工'],
  ['dh', '熟练电焊工'],
  ['cs', '中餐厨师'],
  ['bjy', '写字楼保洁员'],
  ['hcsj', '货车司机（A2）'],
  ['hcs', '货车司机（A2）'],
  ['yzg', '牧场养殖工'],
  // Latin words of the posting itself, and ordinary words with an everyday one.
  ['cad', 'CAD制图员'],
  ['电焊', '熟练电焊工'],
  ['工地 钢筋', '招聘钢筋工（住宅项目）'],
];

beforeAll(async () => {
  const employer = await buildEmployer({ name: '锡林郭勒盟人力资源服务中心' });
  for (const [title, trade, description] of JOBS) await buildJob({ title, trade, description, employer, regionCode: '152502' });
}, 120_000);

describe('everyday searches', () => {
  it(`when ${QUERIES.length} everyday queries are searched, then each brings its expected job back`, async () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(60);
    const missed: string[] = [];
    for (const [q, expected] of QUERIES) if (!(await titles(q)).includes(expected)) missed.push(`${q} → ${expected}`);
    expect(missed).toEqual([]);
  });

  it('when an everyday word is searched, then jobs of other kinds stay out', async () => {
    const site = await titles('工地');
    expect(site).not.toContain('育婴员');
    expect(site).not.toContain('外卖骑手');
    const herding = await titles('放羊');
    expect(herding).toContain('牧场养殖工');
    expect(herding).not.toContain('大棚蔬菜种植工');
    expect(await titles('dhg')).toEqual(['熟练电焊工']);
    // The same words as plain text still search the text (no table entry).
    expect(await titles('钢筋')).toEqual(['招聘钢筋工（住宅项目）']);
  });

  it('when the search-words table changes, then jobs made with the old version get their tokens at the next start', async () => {
    const job = await Job.findOne({ title: '馕坑师傅' }).select('+searchGrams +searchVersion').lean().exec();
    expect(job?.searchGrams).toContain('w:烤馕');
    await Job.collection.updateOne({ _id: job?._id }, { $set: { searchVersion: 'old', searchGrams: ['馕坑'] } });
    expect(await titles('烤馕')).toEqual([]);
    expect(await backfillJobSearchFields()).toBe(1);
    expect(await titles('烤馕')).toEqual(['馕坑师傅']);
  });
});
