/**
 * Label vocabularies for test-report header fields, kept as data (not layout rules).
 * Each field lists the printed label variants seen across labs (Chinese and English).
 * `STOP_LABELS` are labels whose values we do not extract; they only end the previous value.
 * Longer labels win over shorter ones at the same position.
 */
export type ReportField =
  | 'reportNumber'
  | 'sampleName'
  | 'model'
  | 'trademark'
  | 'batch'
  | 'safetyClass'
  | 'client'
  | 'manufacturer'
  | 'inspectionType'
  | 'received'
  | 'tested'
  | 'issued'
  | 'standards'
  | 'conclusion'
  | 'cma'
  | 'cnas';

export const REPORT_LABELS: Record<ReportField, readonly string[]> = {
  reportNumber: ['报告编号', '检验编号', '检测编号', '报告号', '报告书编号', '证书编号', 'Report No.', 'Report Number', 'Test Report No.', 'No.'],
  sampleName: ['样品名称', '产品名称', '受检产品', '商品名称', '样品名', 'Sample Name', 'Sample Description', 'Name of Sample', 'Product Name', 'Product Description'],
  model: ['型号规格', '规格型号', '款号', '型号', '货号', '样品型号', '规格', '号型', 'Model', 'Model No.', 'Style No.', 'Item No.', 'Article No.', 'Style'],
  trademark: ['商标', '品牌', '注册商标', 'Trademark', 'Brand Name', 'Brand'],
  batch: ['生产日期/批号', '生产日期或批号', '生产日期(批号)', '生产批号', '批号', '批次', '生产日期', 'Batch No.', 'Lot No.', 'Batch Number', 'Lot Number'],
  safetyClass: ['安全技术类别', '安全类别', '安全技术要求类别', 'Safety Category'],
  client: ['委托单位', '委托方', '送检单位', '委托人', '申请单位', '申请人', 'Applicant', 'Client', 'Customer', 'Applicant Name', 'Client Name'],
  manufacturer: ['生产单位', '生产者', '制造商', '生产企业', '标称生产企业', '生产厂家', '制造单位', '生产商', '受检单位', 'Manufacturer', 'Producer', 'Manufacturer Name'],
  inspectionType: ['检验类别', '检验性质', '检测类别', '检测性质', '检验检测类别', '检验类型', '检测类型', 'Test Type', 'Test Category', 'Type of Test', 'Type of Inspection'],
  received: ['收样日期', '到样日期', '来样日期', '样品接收日期', '接样日期', '收样时间', '到样时间', 'Date Received', 'Receiving Date', 'Date of Receipt', 'Receipt Date', 'Received Date', 'Sample Received Date', 'Date of Sample Receipt'],
  tested: ['检验日期', '检测日期', '检测周期', '检验周期', '测试日期', '检验时间', '检测时间', 'Testing Period', 'Test Date', 'Test Period', 'Testing Date', 'Date of Test', 'Date of Testing', 'Test Duration'],
  issued: ['签发日期', '批准日期', '报告日期', '发布日期', '签发时间', 'Date of Issue', 'Issue Date', 'Issued Date', 'Date of Report', 'Report Date'],
  standards: ['检验依据', '判定依据', '检测依据', '测试标准', '检验标准', '检测标准', '依据标准', 'Test Standard', 'Test Standards', 'Test Requirement', 'Test Requirements', 'Test Specification', 'Standard(s)'],
  conclusion: ['检验结论', '检测结论', '结论', 'Conclusion'],
  cma: ['CMA证书编号', '资质认定证书编号', 'CMA编号', 'CMA'],
  cnas: ['CNAS'],
};

export const REPORT_STOP_LABELS: readonly string[] = [
  '委托方地址', '委托单位地址', '生产单位地址', '地址', '地 址', '电话', '传真', '邮编', '样品数量', '样品状态', '样品描述',
  '抽样地点', '抽样日期', '抽样基数', '抽样数量/基数', '抽样数量', '抽样单位', '抽样人', '样品等级', '质量等级', '等级',
  '检验项目', '备注', '适用年龄', '页码', 'Page', '主检', '审核', '批准', '编制', '测试', 'Tested by', 'Checked by',
  'Approved by', '样品来源', '联系电话', '邮箱', 'Tel', '声明', '颜色', '面料成分', '注', 'Note', '说明', '声 明',
];
