/** zh-CN texts of the staff pages that move applications and course sign-ups forward. */
export const progressZhCN = {
  applications: {
    title: '岗位报名',
    intro: '本地区岗位的报名。联系过的标记“已联系”，有结果的标记录用与否，本人会收到通知。',
    empty: '没有符合条件的报名',
    loadFailed: '报名没有加载出来',
    applicant: '报名人：{name}',
    unnamed: '未实名登记',
    phone: '电话：{phone}',
    job: '岗位：{title}',
    appliedOn: '{date} 报名',
    move: {
      contacted: '标记已联系',
      hired: '标记已录用',
      rejected: '标记未录用',
    },
  },
  enrollments: {
    title: '培训报名',
    intro: '本地区培训课程的报名：确认名单、开班后标记培训中，结业时登记是否合格，本人会收到通知。',
    empty: '没有符合条件的培训报名',
    loadFailed: '培训报名没有加载出来',
    learner: '学员：{name}',
    course: '课程：{title}',
    signedUpOn: '{date} 报名',
    move: {
      confirmed: '确认报名',
      in_training: '开始培训',
      completed: '结业合格',
      failed: '考核未通过',
    },
  },
  any: '全部',
  saving: '正在保存…',
  saved: '已更新为“{status}”',
};
