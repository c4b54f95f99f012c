/**
 * The app's own zh-CN texts (nested). Shared texts (error codes, validation, job labels)
 * come from @zhuanyi/shared's flat catalog; t() looks here first, then there.
 */
export const zhCN = {
  app: {
    name: '转移就业服务',
  },
  common: {
    retry: '再试一次',
    loading: '正在加载…',
    loadMore: '加载更多',
    loadingMore: '正在加载更多…',
    noMore: '没有更多了',
    search: '搜索',
    clear: '清空',
    all: '全部',
    back: '返回上一级',
    confirm: '确定',
    selected: '已选中',
  },
  client: {
    timeout: '网络太慢，请求超时了，请再试一次',
    badResponse: '收到的数据有误，请稍后再试',
  },
  jobs: {
    title: '找工作',
    searchPlaceholder: '输入工种或岗位，比如：电焊',
    tradeLabel: '工种',
    empty: '暂时没有合适的岗位',
    emptyHint: '换个工种或关键词试试',
    loadFailed: '岗位没有加载出来',
    verified: '已认证',
    unverified: '未认证',
    payRange: '{min}–{max} 元/月',
    payExact: '{amount} 元/月',
    payNegotiable: '工资面议',
    openings: '招 {count} 人',
    deadline: '{date} 截止',
    resultCount: '已显示 {count} 个岗位',
  },
  trades: {
    generalWorker: '普工',
    welder: '电焊工',
    housekeeping: '家政服务员',
    elderCare: '养老护理员',
    cleaner: '保洁员',
    sorter: '分拣员',
    pastry: '中式面点师',
    mason: '砌筑工',
    scaffolder: '架子工',
    formwork: '模板工',
  },
  regions: {
    title: '选择地区',
    choose: '请选择',
    chooseLevel: {
      province: '请选择省（自治区）',
      city: '请选择市（盟、州）',
      county: '请选择县（旗、区）',
      township: '请选择乡镇（苏木、街道）',
      village: '请选择村（嘎查、社区）',
    },
    useThisLevel: '就选“{name}”',
    loadFailed: '地区没有加载出来',
    empty: '这一级没有下属地区',
  },
  broker: {
    home: {
      title: '经纪人工作台',
      intro: '这里将用来帮乡亲们登记信息、推荐岗位、跟进就业情况。',
      items: {
        register: '代为登记务工人员',
        recommend: '向务工人员推荐岗位',
        followUp: '跟进外出务工人员的就业情况',
      },
    },
  },
  staff: {
    home: {
      title: '工作人员后台',
      intro: '这里将用来管理本地区的岗位、培训、欠薪投诉和统计报表。',
      items: {
        jobs: '审核和发布岗位',
        training: '管理免费培训课程',
        complaints: '受理欠薪投诉',
        reports: '查看就业统计和预警',
      },
    },
  },
};

export type Catalog = typeof zhCN;
