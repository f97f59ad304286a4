/**
 * One error type, one code table, one response writer (STYLE.md G5).
 * `code` is a stable English identifier; `userMessage` is the Chinese text shown to people.
 */
export const ERROR_TABLE = {
  VALIDATION_FAILED: { status: 400, message: '提交的数据不符合要求' },
  BAD_REQUEST: { status: 400, message: '请求无效' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '登录失败次数过多，账户已临时锁定，请稍后再试' },
  CSRF_FAILED: { status: 403, message: '页面已过期或请求来源无效，请刷新页面后重试' },
  FORBIDDEN: { status: 403, message: '您无权执行此操作' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '管理员已重置您的密码，请先设置新密码' },
  NOT_FOUND: { status: 404, message: '未找到请求的资源' },
  CONFLICT: { status: 409, message: '数据冲突，该记录已存在' },
  DUPLICATE_DOCUMENT: { status: 409, message: '该文件已上传过' },
  FILE_TOO_LARGE: { status: 413, message: '文件超过大小限制' },
  TOO_MANY_FILES: { status: 413, message: '一次上传的文件过多' },
  UNSUPPORTED_FILE_TYPE: { status: 415, message: '不支持的文件类型，仅支持 PDF、JPEG、PNG' },
  EMPTY_FILE: { status: 400, message: '文件为空' },
  CORRUPT_FILE: { status: 422, message: '文件已损坏，无法读取' },
  ENCRYPTED_PDF: { status: 422, message: 'PDF 文件已加密，请上传未加密的文件' },
  TOO_MANY_PAGES: { status: 422, message: '文档页数超过限制' },
  OCR_UNAVAILABLE: { status: 503, message: '该文件需要文字识别（OCR），但文字识别服务不可用' },
  UNRECOGNISED_DOCUMENT: { status: 422, message: '无法识别文档类型：既不像采购合同，也不像检验报告' },
  IMAGE_TOO_LARGE: { status: 422, message: '图片尺寸过大' },
  PDF_TOO_COMPLEX: { status: 422, message: 'PDF 文件结构异常或过于复杂，超出安全读取的限制' },
  PAGE_SIZE_INVALID: { status: 422, message: 'PDF 页面尺寸异常，无法识别' },
  UNPROCESSABLE: { status: 422, message: '无法处理该请求' },
  SAMPLING_LIST_EMPTY: {
    status: 422,
    message: '本区县尚无集中采购的供货企业（没有合同明细），名单为空，无需发送',
  },
  SAMPLING_LIST_UNCONFIRMED: {
    status: 409,
    message: '区县内仍有文档正在识别或待人工核对，名单可能不完整；确认仍要发送时请附 confirmUnfinished: true',
  },
  ALREADY_ACKNOWLEDGED: { status: 409, message: '该名单已确认接收' },
  DELIVERY_NOT_FAILED: { status: 409, message: '只有投递失败的记录可以重新投递（该记录已送达或仍在重试中）' },
  WEBHOOK_INACTIVE: { status: 409, message: '该接收地址已停用，无法重新投递' },
  WEBHOOK_URL_FORBIDDEN: {
    status: 400,
    message: '接收地址不允许：须为 http(s):// 网址，且不能指向本机、内网或保留地址',
  },
  WEBHOOK_URL_UNRESOLVABLE: { status: 422, message: '接收地址的域名无法解析，请检查网址后重试' },
  SMTP_NOT_CONFIGURED: { status: 422, message: '未配置邮件服务器（SMTP_URL），无法添加邮件接收地址' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  BUSY: { status: 503, message: '系统繁忙，请稍后重试' },
  DATA_DIR_LOCKED: { status: 503, message: '数据目录正被另一个进程使用' },
  NOT_READY: { status: 503, message: '服务尚未就绪' },
  INTERNAL: { status: 500, message: '服务器内部错误，请稍后重试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_TABLE;

export class AppError extends Error {
  readonly status: number;
  readonly userMessage: string;
  constructor(
    readonly code: ErrorCode,
    userMessage?: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(userMessage ?? ERROR_TABLE[code].message, options);
    this.name = 'AppError';
    this.status = ERROR_TABLE[code].status;
    this.userMessage = userMessage ?? ERROR_TABLE[code].message;
  }
}

export const notFound = (what = '资源') => new AppError('NOT_FOUND', `未找到${what}`);
export const forbidden = (why?: string) => new AppError('FORBIDDEN', why);
