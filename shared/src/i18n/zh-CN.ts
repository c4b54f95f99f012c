/**
 * zh-CN text for every message key shared by the BFF and the mini-program.
 * Keys are dotted; `{name}` placeholders are filled by `t()`.
 */
export const zhCN = {
  // Error codes (the `message` of an error body).
  'error.VALIDATION_FAILED': '填写的信息有误，请检查后再提交',
  'error.UNAUTHENTICATED': '请先登录',
  'error.FORBIDDEN': '没有权限进行此操作',
  'error.NOT_FOUND': '没有找到相关内容',
  'error.METHOD_NOT_ALLOWED': '不支持该请求方式',
  'error.CONFLICT': '操作与当前状态冲突，请刷新后重试',
  'error.DUPLICATE': '该信息已经存在，不能重复登记',
  'error.RATE_LIMITED': '操作太频繁，请稍后再试',
  'error.PAYLOAD_TOO_LARGE': '提交的内容太大',
  'error.UNSUPPORTED_MEDIA_TYPE': '不支持该文件或内容类型',
  'error.SERVICE_UNAVAILABLE': '服务暂时不可用，请稍后再试',
  'error.UPSTREAM_FAILED': '外部系统暂时无法访问，请稍后再试',
  'error.INTERNAL': '系统出错了，请稍后再试',
  'error.NETWORK': '网络不通，请检查网络后重试',
  'error.invalidJson': '提交的内容格式不正确',
  'error.jobNotFound': '该岗位不存在或已下架',
  'error.regionNotFound': '没有找到该地区',

  // Generic field problems (zod issue codes).
  'validation.required': '此项必须填写',
  'validation.invalidType': '格式不正确',
  'validation.invalid': '内容不正确',
  'validation.invalidOption': '请从给定的选项中选择',
  'validation.tooShort': '至少需要 {minimum} 个字',
  'validation.tooLong': '最多 {maximum} 个字',
  'validation.tooSmall': '不能小于 {minimum}',
  'validation.tooBig': '不能大于 {maximum}',
  'validation.tooFewItems': '至少选择 {minimum} 项',
  'validation.tooManyItems': '最多选择 {maximum} 项',
  'validation.notInteger': '请填写整数',
  'validation.unknownField': '包含不认识的项：{keys}',
  'validation.duplicate': '已被使用',
  'validation.objectId': '编号格式不正确',
  'validation.cursor': '翻页参数无效，请从第一页重新加载',
  'validation.dateTime': '时间格式不正确',

  // Domain rules.
  'validation.idNumber.format': '身份证号应为18位，最后一位可以是数字或X',
  'validation.idNumber.birthDate': '身份证号中的出生日期不正确',
  'validation.idNumber.checksum': '身份证号校验位不对，请核对后重新填写',
  'validation.phone.format': '请填写11位手机号码',
  'validation.personName.empty': '请填写姓名',
  'validation.personName.tooShort': '姓名至少2个字',
  'validation.personName.tooLong': '姓名最多30个字',
  'validation.personName.characters': '姓名只能包含汉字，少数民族姓名可用“·”分隔',
  'validation.regionCode.format': '地区编码不正确',
  'validation.regionCode.county': '请选择到县（区、旗）',
  'validation.regionCode.township': '请选择到乡镇（苏木、街道）',
  'validation.regionCode.village': '请选择到村（嘎查、社区）',
  'validation.payRange': '最低工资不能高于最高工资',

  // Labels.
  'region.level.province': '省',
  'region.level.city': '市',
  'region.level.county': '县',
  'region.level.township': '乡镇',
  'region.level.village': '村',
  'job.transport.none': '自行前往',
  'job.transport.shuttle': '专车接送',
  'job.transport.point_to_point': '点对点输送',
  'job.mealsAndLodging': '包吃住',
  'job.publicWelfare': '公益性岗位',
  'role.worker': '务工人员',
  'role.broker': '劳务经纪人',
  'role.staff': '人社工作人员',
  'role.intake': '仲裁受理员',
  'role.admin': '系统管理员',
} as const;

export type MessageKey = keyof typeof zhCN;
