/**
 * Demo data for development: the five seed regions of the policy documents, employers,
 * jobs and courses. Money in fen. Township and village codes are looked up from the real
 * division data at seed time (see seed.ts).
 */
import type { CourseMode, Role, TransportMode } from '@zhuanyi/shared';

export interface SeedArea {
  /** As the documents write it (GB/T 2260). */
  gbCode: string;
  name: string;
  /** The county whose townships and villages the demo uses. */
  countyCode: string;
}

export const SEED_AREAS: readonly SeedArea[] = [
  { gbCode: '150500', name: '通辽市', countyCode: '150521' },
  { gbCode: '152200', name: '兴安盟', countyCode: '152223' },
  { gbCode: '650400', name: '吐鲁番市', countyCode: '650421' },
  { gbCode: '532504', name: '弥勒市', countyCode: '532504' },
  { gbCode: '540329', name: '洛隆县', countyCode: '540329' },
];

export interface SeedEmployer {
  key: string;
  name: string;
  creditCode?: string;
  /** County code, or `area:<n>` for the n-th seed area's county. */
  region: string;
  industry: string;
  description: string;
  verified: boolean;
  contactName: string;
}

export const SEED_EMPLOYERS: readonly SeedEmployer[] = [
  { key: 'sh-build', name: '上海浦江建设工程有限公司', creditCode: '91310115MA1K3A0B1C', region: '310115', industry: '建筑施工', description: '市政与房建总包，长期承接浦东新区住宅项目。', verified: true, contactName: '周经理' },
  { key: 'sh-steel', name: '上海闵联钢结构有限公司', creditCode: '91310112MA1G2B3C4D', region: '310112', industry: '钢结构制造', description: '钢结构厂房与桥梁构件加工。', verified: true, contactName: '陆主管' },
  { key: 'sh-home', name: '上海家安家政服务有限公司', creditCode: '91310120MA1H4C5D6E', region: '310120', industry: '家政服务', description: '月嫂、育儿嫂、保洁、养老护理员派遣，持证上岗。', verified: true, contactName: '顾女士' },
  { key: 'sh-food', name: '上海禾丰餐饮管理有限公司', region: '310112', industry: '餐饮', description: '连锁中式面点与团餐。', verified: false, contactName: '沈师傅' },
  { key: 'sz-elec', name: '深圳宝创电子科技有限公司', creditCode: '91440300MA5F6D7E8F', region: '440306', industry: '电子制造', description: '手机配件与电源模组生产，园区内有员工宿舍与食堂。', verified: true, contactName: '黄主管' },
  { key: 'dg-garment', name: '东莞华美制衣有限公司', creditCode: '91441900MA4W7E8F9G', region: '441900', industry: '服装加工', description: '出口女装生产，缝纫车间约300人。', verified: true, contactName: '梁厂长' },
  { key: 'dg-shoe', name: '东莞立达鞋业有限公司', region: '441900', industry: '制鞋', description: '运动鞋成型与针车。', verified: false, contactName: '何主任' },
  { key: 'fs-furniture', name: '佛山南海恒木家具有限公司', creditCode: '91440605MA52H9G0H1', region: '440605', industry: '家具制造', description: '板式家具与实木家具生产。', verified: true, contactName: '冼经理' },
  { key: 'gz-logistics', name: '广州番禺顺达物流有限公司', creditCode: '91440113MA59J0H1J2', region: '440113', industry: '物流仓储', description: '电商仓储分拣与配送。', verified: true, contactName: '陈主管' },
  { key: 'hz-ecom', name: '杭州余杭云仓供应链有限公司', creditCode: '91330110MA2K1J2K3L', region: '330110', industry: '电商物流', description: '电商云仓，旺季用工量大。', verified: true, contactName: '王主管' },
  { key: 'yw-trade', name: '义乌市鸿途小商品有限公司', region: '330782', industry: '小商品加工', description: '饰品、玩具手工组装与包装。', verified: false, contactName: '楼老板' },
  { key: 'hn-textile', name: '海宁经编纺织有限公司', creditCode: '91330481MA2L2K3L4M', region: '330481', industry: '纺织', description: '经编面料生产，三班倒。', verified: true, contactName: '沈经理' },
  { key: 'nb-port', name: '宁波北仑港务劳务有限公司', creditCode: '91330206MA2M3L4M5N', region: '330206', industry: '港口装卸', description: '港区装卸与理货。', verified: true, contactName: '胡队长' },
  { key: 'sz-auto', name: '苏州吴中精工汽车零部件有限公司', creditCode: '91320506MA1N4M5N6P', region: '320506', industry: '汽车零部件', description: '冲压与焊接生产线。', verified: true, contactName: '顾主管' },
  { key: 'ks-elec', name: '昆山精达电子有限公司', creditCode: '91320583MA1P5N6P7Q', region: '320583', industry: '电子制造', description: '笔记本电脑组装，长期招聘普工。', verified: true, contactName: '朱主任' },
  { key: 'wx-build', name: '无锡新吴建工集团有限公司', creditCode: '91320214MA1Q6P7Q8R', region: '320214', industry: '建筑施工', description: '厂房与住宅施工总包。', verified: true, contactName: '钱经理' },
  { key: 'bj-prop', name: '北京朝阳安居物业服务有限公司', creditCode: '91110105MA01R7Q8R9', region: '110105', industry: '物业服务', description: '住宅小区保洁、保安与绿化。', verified: true, contactName: '刘经理' },
  { key: 'tl-workshop', name: '科左中旗民族服饰就业帮扶车间', region: 'area:0', industry: '服装加工', description: '蒙古族服饰加工，就近就业，可照顾家庭。', verified: true, contactName: '包主任' },
  { key: 'tl-cattle', name: '通辽草原牧业合作社', region: 'area:0', industry: '养殖', description: '肉牛育肥与饲草种植。', verified: true, contactName: '白社长' },
  { key: 'xa-rice', name: '扎赉特旗稻香米业有限公司', creditCode: '91152223MA0R8R9P0T', region: 'area:1', industry: '农产品加工', description: '大米加工与包装，季节性用工。', verified: true, contactName: '吴经理' },
  { key: 'xa-gov', name: '扎赉特旗人力资源和社会保障局', region: 'area:1', industry: '公共服务', description: '公益性岗位开发与管理。', verified: true, contactName: '张科长' },
  { key: 'tf-grape', name: '鄯善葡萄干加工有限公司', creditCode: '91650421MA7Q9R0T1U', region: 'area:2', industry: '农产品加工', description: '葡萄干分拣、晾制与包装。', verified: true, contactName: '艾力主任' },
  { key: 'tf-nang', name: '鄯善县馕产业园', region: 'area:2', industry: '食品加工', description: '馕制作与销售，提供技能培训。', verified: true, contactName: '买买提经理' },
  { key: 'tf-gov', name: '鄯善县人力资源和社会保障局', region: 'area:2', industry: '公共服务', description: '公益性岗位开发与管理。', verified: true, contactName: '李科长' },
  { key: 'ml-wine', name: '弥勒东风葡萄酒庄有限公司', creditCode: '91532504MA6T0T1U2W', region: 'area:3', industry: '酿酒与旅游', description: '葡萄种植、酿酒与乡村旅游接待。', verified: true, contactName: '普经理' },
  { key: 'ml-gov', name: '弥勒市人力资源和社会保障局', region: 'area:3', industry: '公共服务', description: '公益性岗位开发与管理。', verified: true, contactName: '杨科长' },
  { key: 'll-gov', name: '洛隆县人力资源和社会保障局', region: 'area:4', industry: '公共服务', description: '生态护林员等公益性岗位。', verified: true, contactName: '次仁科长' },
  { key: 'll-build', name: '昌都洛隆建筑劳务有限公司', region: 'area:4', industry: '建筑施工', description: '县域道路与安居工程建设。', verified: false, contactName: '扎西队长' },
];

export interface SeedJob {
  employer: string;
  title: string;
  trade: string;
  /** County code, or `area:<n>` / `area:<n>:village` for a seed area's township or village. */
  region: string;
  payYuan: [number, number];
  mealsAndLodging: boolean;
  transport: TransportMode;
  publicWelfare?: boolean;
  openings: number;
  /** Days from seeding until the deadline; none means open-ended. */
  deadlineDays?: number;
  age?: [number, number];
  requirements: string[];
  benefits: string[];
  description: string;
}

const GOV = ['签订劳动合同', '缴纳工伤保险'];

export const SEED_JOBS: readonly SeedJob[] = [
  { employer: 'sh-build', title: '电焊工（持证）', trade: '电焊工', region: '310115', payYuan: [8000, 11000], mealsAndLodging: true, transport: 'point_to_point', openings: 20, deadlineDays: 30, age: [20, 55], requirements: ['持特种作业操作证（焊接与热切割）', '能看懂简单图纸'], benefits: ['包吃住', '点对点包车返乡', '月底结清工资'], description: '住宅项目钢结构焊接，按天计时，加班另计。' },
  { employer: 'sh-build', title: '钢筋工', trade: '钢筋工', region: '310115', payYuan: [7500, 10000], mealsAndLodging: true, transport: 'point_to_point', openings: 30, deadlineDays: 45, age: [20, 58], requirements: ['一年以上钢筋绑扎经验', '身体健康'], benefits: ['包吃住', '点对点输送', '工资按月打卡'], description: '高层住宅钢筋绑扎，班组作业，老乡带队。' },
  { employer: 'sh-build', title: '砌筑工', trade: '砌筑工', region: '310115', payYuan: [7000, 9000], mealsAndLodging: true, transport: 'point_to_point', openings: 15, deadlineDays: 40, age: [20, 58], requirements: ['会砌砖、抹灰'], benefits: ['包吃住', '点对点输送'], description: '住宅二次结构砌筑。' },
  { employer: 'sh-steel', title: '钢结构焊工', trade: '电焊工', region: '310112', payYuan: [8500, 12000], mealsAndLodging: true, transport: 'shuttle', openings: 12, deadlineDays: 20, age: [22, 50], requirements: ['会二氧化碳保护焊', '持焊工证优先'], benefits: ['包吃住', '专车接站', '五险'], description: '厂内钢构件焊接，计件加底薪。' },
  { employer: 'sh-steel', title: '模板工', trade: '模板工', region: '310112', payYuan: [7500, 9500], mealsAndLodging: true, transport: 'shuttle', openings: 10, age: [20, 55], requirements: ['有模板支护经验'], benefits: ['包吃住', '专车接站'], description: '桥梁构件模板安装与拆除。' },
  { employer: 'sh-home', title: '住家育儿嫂', trade: '家政服务员', region: '310120', payYuan: [7000, 9500], mealsAndLodging: true, transport: 'none', openings: 25, deadlineDays: 60, age: [30, 55], requirements: ['女性', '有带孩子经验', '培训合格后上岗'], benefits: ['包吃住', '免费岗前培训', '公司购买意外险'], description: '上海家庭住家育儿，每月休息四天。' },
  { employer: 'sh-home', title: '养老护理员', trade: '养老护理员', region: '310120', payYuan: [6000, 7500], mealsAndLodging: true, transport: 'none', openings: 20, age: [25, 55], requirements: ['有耐心', '可参加护理员培训'], benefits: ['包吃住', '免费考证'], description: '养老院照护老人生活起居。' },
  { employer: 'sh-home', title: '家庭保洁员', trade: '家政服务员', region: '310120', payYuan: [5500, 7000], mealsAndLodging: false, transport: 'none', openings: 15, age: [25, 55], requirements: ['身体健康', '做事细致'], benefits: ['提供集体宿舍', '按单计酬'], description: '上门保洁，派单制。' },
  { employer: 'sh-food', title: '中式面点师', trade: '中式面点师', region: '310112', payYuan: [6000, 8000], mealsAndLodging: true, transport: 'none', openings: 6, age: [18, 50], requirements: ['会做包子、馒头、花卷'], benefits: ['包吃住', '月休四天'], description: '连锁早餐店后厨面点制作。' },
  { employer: 'sz-elec', title: '电子厂普工', trade: '普工', region: '440306', payYuan: [5500, 7000], mealsAndLodging: true, transport: 'point_to_point', openings: 80, deadlineDays: 25, age: [18, 45], requirements: ['会写字、识数', '能适应两班倒'], benefits: ['包吃住', '点对点输送', '五险一金'], description: '流水线组装与检测，坐班，空调车间。' },
  { employer: 'sz-elec', title: '质检员', trade: '质检员', region: '440306', payYuan: [6000, 7500], mealsAndLodging: true, transport: 'point_to_point', openings: 10, age: [18, 40], requirements: ['初中以上文化', '视力良好'], benefits: ['包吃住', '点对点输送'], description: '成品外观与功能检测。' },
  { employer: 'dg-garment', title: '平车缝纫工', trade: '缝纫工', region: '441900', payYuan: [6500, 9000], mealsAndLodging: true, transport: 'point_to_point', openings: 40, deadlineDays: 35, age: [18, 52], requirements: ['会平车', '新手可带薪学徒'], benefits: ['包吃住', '点对点输送', '计件多劳多得'], description: '女装缝制，熟手计件，新手保底。' },
  { employer: 'dg-garment', title: '整烫包装工', trade: '普工', region: '441900', payYuan: [5000, 6500], mealsAndLodging: true, transport: 'point_to_point', openings: 15, age: [18, 55], requirements: ['手脚麻利'], benefits: ['包吃住'], description: '成衣整烫、折叠与装箱。' },
  { employer: 'dg-shoe', title: '针车工', trade: '缝纫工', region: '441900', payYuan: [6000, 8500], mealsAndLodging: true, transport: 'shuttle', openings: 30, age: [18, 48], requirements: ['会针车优先'], benefits: ['包吃住', '专车接站'], description: '运动鞋鞋面缝制。' },
  { employer: 'fs-furniture', title: '木工', trade: '木工', region: '440605', payYuan: [7000, 10000], mealsAndLodging: true, transport: 'shuttle', openings: 12, age: [20, 55], requirements: ['会开料、封边或组装'], benefits: ['包吃住', '专车接站'], description: '家具生产线木工。' },
  { employer: 'gz-logistics', title: '仓库分拣员', trade: '分拣员', region: '440113', payYuan: [5500, 7500], mealsAndLodging: true, transport: 'none', openings: 50, deadlineDays: 15, age: [18, 45], requirements: ['能上夜班'], benefits: ['包吃住', '日结可选'], description: '电商包裹分拣与装车。' },
  { employer: 'hz-ecom', title: '云仓打包员', trade: '分拣员', region: '330110', payYuan: [5500, 8000], mealsAndLodging: true, transport: 'point_to_point', openings: 60, deadlineDays: 20, age: [18, 50], requirements: ['识字', '能站立工作'], benefits: ['包吃住', '点对点输送', '旺季奖金'], description: '电商订单拣货打包，计件加底薪。' },
  { employer: 'hz-ecom', title: '叉车司机', trade: '叉车司机', region: '330110', payYuan: [7000, 9000], mealsAndLodging: true, transport: 'point_to_point', openings: 5, age: [22, 50], requirements: ['持叉车证'], benefits: ['包吃住', '点对点输送'], description: '仓内叉车搬运。' },
  { employer: 'yw-trade', title: '饰品手工组装', trade: '普工', region: '330782', payYuan: [4500, 6500], mealsAndLodging: true, transport: 'none', openings: 30, age: [18, 60], requirements: ['手巧、眼神好'], benefits: ['包吃住', '计件'], description: '饰品串珠、组装与包装，可带家属同住。' },
  { employer: 'hn-textile', title: '经编挡车工', trade: '纺织工', region: '330481', payYuan: [6500, 8500], mealsAndLodging: true, transport: 'shuttle', openings: 20, age: [18, 45], requirements: ['能三班倒'], benefits: ['包吃住', '专车接站', '五险'], description: '经编机看台，有师傅带。' },
  { employer: 'nb-port', title: '港口装卸工', trade: '装卸工', region: '330206', payYuan: [7000, 9500], mealsAndLodging: true, transport: 'point_to_point', openings: 25, deadlineDays: 30, age: [20, 50], requirements: ['身体强壮'], benefits: ['包吃住', '点对点输送'], description: '集装箱拆装箱与理货。' },
  { employer: 'sz-auto', title: '汽车零部件焊工', trade: '电焊工', region: '320506', payYuan: [7500, 10500], mealsAndLodging: true, transport: 'point_to_point', openings: 15, deadlineDays: 30, age: [20, 48], requirements: ['会气保焊'], benefits: ['包吃住', '点对点输送', '五险一金'], description: '焊接机器人上下料与补焊。' },
  { employer: 'sz-auto', title: '冲压操作工', trade: '普工', region: '320506', payYuan: [6000, 8000], mealsAndLodging: true, transport: 'point_to_point', openings: 25, age: [18, 45], requirements: ['服从安排'], benefits: ['包吃住', '点对点输送'], description: '冲压线操作，岗前安全培训。' },
  { employer: 'ks-elec', title: '笔记本组装普工', trade: '普工', region: '320583', payYuan: [5500, 7500], mealsAndLodging: true, transport: 'point_to_point', openings: 100, deadlineDays: 20, age: [18, 42], requirements: ['会写字', '无纹身'], benefits: ['包吃住', '点对点输送', '返费奖励'], description: '流水线组装，长白班或两班倒。' },
  { employer: 'wx-build', title: '架子工', trade: '架子工', region: '320214', payYuan: [8000, 11000], mealsAndLodging: true, transport: 'point_to_point', openings: 12, age: [22, 55], requirements: ['持登高架设作业证'], benefits: ['包吃住', '点对点输送', '工资月结'], description: '厂房外脚手架搭设与拆除。' },
  { employer: 'wx-build', title: '钢筋工（班组）', trade: '钢筋工', region: '320214', payYuan: [7500, 10000], mealsAndLodging: true, transport: 'point_to_point', openings: 20, age: [20, 58], requirements: ['班组长带队优先'], benefits: ['包吃住', '点对点输送'], description: '欢迎劳务经纪人组队报名。' },
  { employer: 'bj-prop', title: '小区保洁员', trade: '保洁员', region: '110105', payYuan: [4500, 5500], mealsAndLodging: true, transport: 'none', openings: 20, age: [30, 60], requirements: ['身体健康'], benefits: ['包吃住', '缴纳社保'], description: '住宅小区公共区域保洁。' },
  { employer: 'bj-prop', title: '秩序维护员', trade: '保安员', region: '110105', payYuan: [5000, 6000], mealsAndLodging: true, transport: 'none', openings: 10, age: [20, 50], requirements: ['无犯罪记录'], benefits: ['包吃住', '缴纳社保'], description: '小区门岗与巡逻。' },
  { employer: 'tl-workshop', title: '民族服饰缝纫工（帮扶车间）', trade: '缝纫工', region: 'area:0', payYuan: [2500, 4000], mealsAndLodging: false, transport: 'none', openings: 20, age: [18, 60], requirements: ['会用缝纫机，不会可免费培训'], benefits: ['离家近', '时间灵活', '计件'], description: '就业帮扶车间，就近就业，能照顾老人孩子。' },
  { employer: 'tl-cattle', title: '肉牛饲养员', trade: '养殖工', region: 'area:0:village', payYuan: [4000, 5500], mealsAndLodging: true, transport: 'none', openings: 6, age: [20, 60], requirements: ['有养牛经验'], benefits: ['包吃住'], description: '合作社牛舍饲喂与清理。' },
  { employer: 'xa-rice', title: '大米加工包装工（季节性）', trade: '普工', region: 'area:1', payYuan: [3500, 4500], mealsAndLodging: true, transport: 'shuttle', openings: 30, deadlineDays: 40, age: [18, 60], requirements: ['能上夜班'], benefits: ['包吃住', '班车接送'], description: '秋收后大米加工与装袋，做满三个月。' },
  { employer: 'xa-gov', title: '村级保洁员（公益性岗位）', trade: '保洁员', region: 'area:1:village', payYuan: [1500, 1800], mealsAndLodging: false, transport: 'none', publicWelfare: true, openings: 10, deadlineDays: 20, age: [18, 60], requirements: ['本村脱贫人口或监测对象', '无法外出务工'], benefits: GOV, description: '负责村内道路与公共场所保洁，合同一年一签。' },
  { employer: 'tf-grape', title: '葡萄干分拣工', trade: '分拣员', region: 'area:2', payYuan: [3000, 4500], mealsAndLodging: true, transport: 'shuttle', openings: 40, age: [18, 60], requirements: ['手脚麻利'], benefits: ['包吃住', '班车接送'], description: '葡萄干去杂、分级、装箱。' },
  { employer: 'tf-nang', title: '馕坑师傅', trade: '馕制作', region: 'area:2', payYuan: [4000, 6000], mealsAndLodging: true, transport: 'none', openings: 8, age: [18, 55], requirements: ['会打馕，新手可参加免费培训'], benefits: ['包吃住', '免费技能培训'], description: '馕产业园制作各类馕。' },
  { employer: 'tf-gov', title: '乡村道路养护员（公益性岗位）', trade: '道路养护员', region: 'area:2:village', payYuan: [1800, 2000], mealsAndLodging: false, transport: 'none', publicWelfare: true, openings: 8, deadlineDays: 25, age: [18, 60], requirements: ['本村户籍', '家庭困难优先'], benefits: GOV, description: '村组道路日常巡查与养护。' },
  { employer: 'ml-wine', title: '葡萄园采摘工', trade: '种植工', region: 'area:3:village', payYuan: [3000, 4000], mealsAndLodging: true, transport: 'shuttle', openings: 50, deadlineDays: 30, age: [18, 65], requirements: ['能吃苦'], benefits: ['包吃住', '班车接送', '日结'], description: '葡萄采摘与装筐，采摘季约两个月。' },
  { employer: 'ml-wine', title: '客房服务员', trade: '客房服务员', region: 'area:3', payYuan: [3500, 4500], mealsAndLodging: true, transport: 'none', openings: 6, age: [18, 45], requirements: ['普通话交流'], benefits: ['包吃住', '免费培训'], description: '酒庄民宿客房整理与接待。' },
  { employer: 'ml-gov', title: '乡村公益岗（河道巡查）', trade: '巡查员', region: 'area:3:village', payYuan: [1500, 1800], mealsAndLodging: false, transport: 'none', publicWelfare: true, openings: 5, age: [18, 60], requirements: ['本村脱贫人口'], benefits: GOV, description: '河道垃圾清理与巡查上报。' },
  { employer: 'll-gov', title: '生态护林员（公益性岗位）', trade: '护林员', region: 'area:4:village', payYuan: [1500, 1800], mealsAndLodging: false, transport: 'none', publicWelfare: true, openings: 12, deadlineDays: 30, age: [18, 60], requirements: ['本村户籍', '熟悉山林地形'], benefits: GOV, description: '负责责任区森林防火巡护与野生动物保护宣传。' },
  { employer: 'll-build', title: '安居工程小工', trade: '建筑普工', region: 'area:4', payYuan: [4500, 6000], mealsAndLodging: true, transport: 'none', openings: 20, age: [18, 55], requirements: ['身体健康'], benefits: ['包吃住', '工资月结'], description: '县内安居工程搬运、搅拌等辅助工作。' },
];

export interface SeedCourse {
  title: string;
  trade: string;
  provider: string;
  region: string;
  mode: CourseMode;
  classHours: number;
  seats: number;
  startInDays: number;
  days: number;
  description: string;
}

export const SEED_COURSES: readonly SeedCourse[] = [
  { title: '电焊工（初级）免费培训', trade: '电焊工', provider: '通辽市职业技能培训中心', region: 'area:0', mode: 'offline', classHours: 120, seats: 40, startInDays: 10, days: 30, description: '理论加实操，考取特种作业操作证，结业推荐上海、江苏焊工岗位。' },
  { title: '家政服务员（育儿方向）', trade: '家政服务员', provider: '兴安盟家政服务职业培训学校', region: 'area:1', mode: 'mixed', classHours: 72, seats: 30, startInDays: 7, days: 15, description: '面向脱贫家庭妇女，55岁以下可享受补贴。' },
  { title: '馕制作技能培训', trade: '馕制作', provider: '鄯善县馕产业园培训基地', region: 'area:2', mode: 'offline', classHours: 56, seats: 25, startInDays: 5, days: 10, description: '和面、打馕、烤制全流程。' },
  { title: '中式面点师（初级）', trade: '中式面点师', provider: '弥勒市职业技术学校', region: 'area:3', mode: 'offline', classHours: 80, seats: 30, startInDays: 14, days: 20, description: '包子、馒头、花卷、饺子等面点制作。' },
  { title: '缝纫工岗前培训', trade: '缝纫工', provider: '科左中旗就业服务中心', region: 'area:0', mode: 'offline', classHours: 60, seats: 20, startInDays: 3, days: 12, description: '平车操作与安全，结业可进帮扶车间或输送东莞。' },
  { title: '农村电商实操', trade: '电商', provider: '通辽市电子商务公共服务中心', region: 'area:0', mode: 'online', classHours: 56, seats: 100, startInDays: 2, days: 14, description: '开网店、直播带货、牛肉干等特产上行。' },
  { title: '钢筋工（订单式培训）', trade: '钢筋工', provider: '洛隆县职业技能培训中心', region: 'area:4', mode: 'offline', classHours: 64, seats: 30, startInDays: 20, days: 15, description: '与上海用工企业订单培训，结业组团点对点输送。' },
  { title: '客房服务与乡村旅游接待', trade: '客房服务员', provider: '弥勒市文旅培训中心', region: 'area:3', mode: 'mixed', classHours: 56, seats: 30, startInDays: 12, days: 10, description: '客房整理、礼仪与民宿接待。' },
  { title: '特色烧烤技能培训', trade: '特色烧烤', provider: '吐鲁番市技工学校', region: 'area:2', mode: 'offline', classHours: 56, seats: 20, startInDays: 25, days: 10, description: '烤肉串、烤包子制作与食品安全。' },
  { title: '养老护理员培训', trade: '养老护理员', provider: '兴安盟职业技能培训中心', region: 'area:1', mode: 'offline', classHours: 90, seats: 30, startInDays: 30, days: 20, description: '生活照料与基础护理，结业推荐上海养老机构。' },
];

export interface DemoLogin {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  /** `area:<n>` / `area:<n>:township` or null for everywhere. */
  scope: string | null;
  certified?: boolean;
}

/** Printed at start-up in development; never created in production. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { username: 'broker', password: 'demo-broker-2024', displayName: '包·巴特尔', role: 'broker', scope: 'area:0:township', certified: true },
  { username: 'staff', password: 'demo-staff-2024', displayName: '王晓梅', role: 'staff', scope: 'area:0' },
  { username: 'intake', password: 'demo-intake-2024', displayName: '李建国', role: 'intake', scope: 'area:0' },
  { username: 'admin', password: 'demo-admin-2024', displayName: '系统管理员', role: 'admin', scope: null },
];
