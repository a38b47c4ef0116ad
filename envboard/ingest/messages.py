"""Import messages: key → (zh, en); the app's i18n table includes MESSAGES."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # file-level problems
    "ingest.err.empty_file": ("文件为空", "The file is empty"),
    "ingest.err.not_xlsx": ("文件不是有效的 Excel 工作簿（.xlsx）", "The file is not a valid Excel workbook (.xlsx)"),
    "ingest.err.not_xls": ("文件不是有效的 Excel 97-2003 工作簿（.xls）", "The file is not a valid Excel 97-2003 workbook (.xls)"),
    "ingest.err.binary_csv": ("文件不是文本表格（含二进制内容）", "The file is not a text table (it contains binary data)"),
    "ingest.err.encoding": ("无法识别文件编码（支持 UTF-8、GBK/GB18030）", "Unknown text encoding (UTF-8 and GBK/GB18030 are supported)"),
    "ingest.err.bad_csv": ("CSV 格式错误：{detail}", "Malformed CSV: {detail}"),
    "ingest.err.unsupported_type": ("不支持的文件类型（支持 .xlsx .xls .csv）", "Unsupported file type (use .xlsx, .xls or .csv)"),
    "ingest.err.no_header": ("找不到表头行：前 {rows} 行中没有可识别的列名", "No header row found: none of the first {rows} rows has known column names"),
    "ingest.err.missing_column": ("缺少必填列“{column}”", "Required column “{column}” is missing"),
    "ingest.err.no_rows": ("没有数据行", "The file has no data rows"),
    "ingest.err.too_many_errors": ("错误过多，仅列出前 {shown} 条（共 {total} 条）", "Too many errors: showing the first {shown} of {total}"),
    "ingest.err.unknown_inspection": ("未知督察轮次“{value}”", "Unknown inspection “{value}”"),
    "ingest.err.no_inspection": ("无法确定督察轮次，请用 --inspection 指定", "Cannot tell the inspection; give --inspection"),
    "ingest.err.no_batch": ("无法确定批次：请提供“批次”列、在文件名中写明“第N批”或用 --batch 指定", "Cannot tell the batch: add a 批次 column, put 第N批 in the file name or give --batch"),
    "ingest.err.no_received_on": ("无法确定交办日期：请提供“交办日期”列或用 --received-on 指定", "Cannot tell the hand-over date: add a 交办日期 column or give --received-on"),
    # cell-level problems
    "ingest.err.required": ("必填项为空", "Required value is empty"),
    "ingest.err.bad_date": ("日期无法识别", "Not a recognisable date"),
    "ingest.err.bad_month": ("月份无法识别", "Not a recognisable month"),
    "ingest.err.bad_number": ("不是有效数字", "Not a valid number"),
    "ingest.err.bad_integer": ("不是有效整数", "Not a valid whole number"),
    "ingest.err.bad_bool": ("应为“是/否”", "Expected 是/否 (yes/no)"),
    "ingest.err.bad_status": ("办理状态无法识别", "Unknown handling status"),
    "ingest.err.bad_task_status": ("整改状态无法识别", "Unknown rectification status"),
    "ingest.err.bad_substantiated": ("“是否属实”无法识别", "Unknown 是否属实 value"),
    "ingest.err.bad_pollution_type": ("问题类型无法识别", "Unknown pollution type"),
    "ingest.err.bad_category": ("任务类别无法识别", "Unknown task category"),
    "ingest.err.bad_action_kind": ("督办方式无法识别", "Unknown supervision action kind"),
    "ingest.err.bad_petition_id": ("受理编号格式无法识别", "Unrecognised 受理编号"),
    "ingest.err.unknown_region": ("未知地区", "Unknown region"),
    "ingest.err.ambiguous_region": ("地区名称不唯一（{options}），请写全称如“九江市浔阳区”", "Ambiguous region ({options}); write it in full, e.g. 九江市浔阳区"),
    "ingest.err.unknown_task": ("找不到该整改任务", "No such rectification task"),
    "ingest.err.unknown_section": ("找不到该监测断面", "No such monitoring section"),
    "ingest.err.unknown_indicator": ("未知监测指标", "Unknown water-quality indicator"),
    "ingest.err.duplicate_key": ("与第 {other} 行重复", "Duplicates row {other}"),
    "ingest.err.duplicate_across_sheets": ("与工作表“{other_sheet}”第 {other} 行重复", "Duplicates row {other} of sheet “{other_sheet}”"),
    "ingest.err.batch_mismatch": ("批次与受理编号前缀（第{prefix}批）不一致", "Batch disagrees with the 受理编号 prefix (batch {prefix})"),
    "ingest.err.existing_out_of_scope": ("该编号已有记录属于地区 {existing}，不在您的管辖范围（{scope}）内，不能修改",
                                         "This id already belongs to a record of region {existing}, outside your area ({scope}); it cannot be changed"),
    "ingest.err.out_of_scope": ("地区 {value} 不在您的管辖范围（{scope}）内", "Region {value} is outside your area ({scope})"),
    "ingest.err.scope_needs_admin": ("此类数据没有地区列，只能由管理员导入", "This kind of data has no region column; only an administrator can import it"),
    "ingest.err.too_large": ("文件过大：{size} MB，上限 {limit} MB", "File too large: {size} MB (limit {limit} MB)"),
    "ingest.err.unexpected": ("文件中有无法处理的内容（{cause}），未导入任何数据；请将文件发给管理员",
                              "The file holds something that could not be processed ({cause}); nothing was imported. Please send the file to an administrator"),
    "ingest.err.implausible": ("数值不合理：应在 {low} 至 {high} 之间", "Implausible value: it must lie between {low} and {high}"),
    "ingest.warn.above_table": ("数值高于 HJ 633 分指数表上限 {top}，请核实（仍导入）", "Above the top of the HJ 633 index table ({top}); please check (imported anyway)"),
    "ingest.err.xlsx_damaged": ("Excel 工作簿已损坏，无法读取（{detail}）", "The Excel workbook is damaged and cannot be read ({detail})"),
    "ingest.err.bad_shared_string": ("单元格引用了不存在的共享字符串（工作簿已损坏）", "The cell refers to a shared string that does not exist (damaged workbook)"),
    "ingest.err.bad_number_cell": ("数值单元格内容不是数字（工作簿已损坏）", "A number cell does not hold a number (damaged workbook)"),
    "ingest.err.cell_too_long": ("单元格内容超过 {limit} 个字符", "The cell holds more than {limit} characters"),
    "ingest.err.too_many_rows": ("工作表超过 {limit} 行；请拆分文件或另存为 CSV", "The sheet has more than {limit} rows; split the file or save it as CSV"),
    "ingest.err.too_many_columns": ("工作表超过 {limit} 列", "The sheet has more than {limit} columns"),
    "ingest.err.read_limit": ("读取文件超出资源上限（{limit}），已停止", "Reading the file went over its resource limit ({limit}) and was stopped"),
    "ingest.err.xlsx_too_large": ("Excel 文件解压后过大或工作表、单元格过多（上限 {limit}）", "The Excel file is too large once unpacked, or has too many sheets or cells (limit {limit})"),
    "ingest.err.busy": ("另一个导入正在进行，请稍后再试", "Another import is running; try again shortly"),
    "ingest.err.bad_inspection_kind": ("督察类型应为“中央”或“省级”", "Inspection type must be 中央 (central) or 省级 (provincial)"),
    "ingest.err.bad_round": ("轮次无法识别（如 第一轮、回头看、第二轮）", "Unknown round (e.g. 第一轮, 回头看, 第二轮)"),
    "ingest.err.end_before_start": ("结束日期早于进驻日期", "The end date is before the stationing date"),
    "ingest.err.bad_body_type": ("水体类型应为“河流”或“湖库”", "Water body type must be 河流 (river) or 湖库 (lake/reservoir)"),
    "ingest.err.bad_control_level": ("断面级别应为“国控”“省控”或“市控”", "Section level must be 国控, 省控 or 市控"),
    "ingest.err.bad_water_class": ("水质目标应为 Ⅰ–Ⅴ 类", "Water-quality target must be class Ⅰ–Ⅴ"),
    "ingest.err.bad_unit_kind": ("单位类型应为“新区”“开发区”“基地”或“其他”", "Unit type must be 新区, 开发区, 基地 or 其他"),
    "ingest.err.bad_unit_code": ("单位代码应为 6 位数字", "A unit code has 6 digits"),
    "ingest.err.unit_code_taken": ("该代码已是行政区划代码，请另取（建议 省代码前两位+99+序号）", "This code is an administrative division's; choose another (e.g. province digits + 99 + a number)"),
    "ingest.err.unknown_inspection_option": ("未知督察“{value}”；可选：{options}", "Unknown inspection “{value}”; valid: {options}"),
    "ingest.err.ambiguous_inspection": ("督察“{value}”不唯一：{options}", "Inspection “{value}” is ambiguous: {options}"),
    "ingest.err.no_as_of": ("“{value}”没有日期，台账也没有截至日期：请填写台账截至日期（--as-of），状态按该日期记入，不会倒记到交办日期",
                            "“{value}” has no date and the ledger has no as-of date: give the ledger's as-of date (--as-of); the status is dated by it, never backdated to the hand-over date"),
    "ingest.err.nd_without_dl": ("“{value}”表示低于检出限，但没有给出检出限：请写成“0.004L”或“<0.004”，或增加“检出限”列", "“{value}” means below the detection limit but gives no limit: write 0.004L or <0.004, or add a 检出限 column"),
    "ingest.err.negative": ("不能为负数", "Must not be negative"),
    # warnings: imported, but worth a look
    "ingest.warn.blank_substantiated": ("“是否属实”为空，按未核实处理", "是否属实 is empty: imported as not yet verified"),
    "ingest.warn.multi_type": ("有多个问题类型，仅导入第一个", "Several pollution types: only the first is imported"),
    "ingest.warn.derived_id": ("无受理编号列，编号按 督察轮次-批次-序号 生成", "No 受理编号 column: ids are built from inspection, batch and 序号"),
    "ingest.warn.closed_on_assumed": ("已办结但无办结日期，办结日期记为交办日期（可用 --as-of 指定）", "Closed but no closing date: recorded as the hand-over date (give --as-of)"),
    "ingest.warn.ignored_columns": ("以下列未导入：{columns}", "These columns are not imported: {columns}"),
    "ingest.warn.open_with_date": ("状态为办理中，办结日期 {value} 未导入", "Status is in progress: the closing date {value} is not imported"),
    "ingest.warn.notes_below_table": ("第 {first}—{last} 行是表格下方的注释或统计行（注、备注、数据来源、月均值等），未导入", "Rows {first}–{last} are notes or statistics below the table (注, 备注, 数据来源, 月均值 …) and are not imported"),
    "ingest.warn.group_rows": ("{n} 个分组标题行（如“一、大气污染防治”）未作为数据导入，其类别用于下方各行", "{n} group-label rows (such as 一、大气污染防治) are not data; their category applies to the rows below"),
    "ingest.warn.continuation_row": ("此行的序号、编号和地区为空（合并单元格），内容并入上一条记录", "This row has no 序号, id or region (merged cells): its text is joined to the record above"),
    "ingest.warn.dl_above_class1": ("检出限 {value} 高于Ⅰ类限值：该结果只能判定为 {k} 类或更好；统计按 1/2 检出限计", "The detection limit in {value} is above the Class I limit: the result is only known to be class {k} or better; statistics use half the limit"),
    "ingest.warn.samplings_averaged": ("{month} 有 {n} 次采样（第 {first} 行起），按算术平均值计入该月", "{n} samplings in {month} (from row {first}): the month's value is their mean"),
    "ingest.warn.stations_averaged": ("文件为站点日数据：按 HJ 663 以各站点日均值的算术平均作为城市日均值（合并 {n} 行）", "Station-level daily rows: each city's day is the mean of its stations' days (HJ 663); {n} rows merged"),
    "ingest.warn.percent_scale": ("百分数按 0–1 存储", "Percentages are stored as 0–1"),
    "ingest.warn.incomplete_day": ("有效小时数不足 20，日均值置空", "Fewer than 20 valid hours: daily mean left empty"),
    "ingest.warn.co_ugm3": ("CO 按 μg/m³ 读入并换算为 mg/m³", "CO read as µg/m³ and converted to mg/m³"),
    # outcomes
    "ingest.ok.imported": ("已导入：新增 {inserted}，更新 {updated}，未变 {unchanged}", "Imported: {inserted} new, {updated} updated, {unchanged} unchanged"),
    "ingest.ok.dry_run": ("试导入（未写入）：新增 {inserted}，更新 {updated}，未变 {unchanged}", "Dry run (nothing written): {inserted} new, {updated} updated, {unchanged} unchanged"),
    "ingest.rejected": ("文件未导入：{rejected} 行有错误，错误报告见 {report}", "File rejected: {rejected} rows have errors; report at {report}"),
    "ingest.err.rollback_later": ("请先回退更晚的导入 #{later}", "Roll back the later import #{later} first"),
    "ingest.err.rollback_unknown": ("没有编号为 {import_id} 的导入", "No import with id {import_id}"),
    "ingest.err.rollback_done": ("导入 #{import_id} 已回退", "Import #{import_id} is already rolled back"),
    "ingest.err.rollback_demo": ("示例数据不能回退", "The demo data cannot be rolled back"),
}


def message(key: str, lang: str = "zh", **params) -> str:
    """The message for `key` in `lang` ('zh' or 'en') with its {placeholders} filled."""
    zh, en = MESSAGES.get(key, (key, key))
    text = zh if lang == "zh" else en
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text


def bilingual(key: str, **params) -> str:
    """'中文 / English' for CLI output."""
    return f"{message(key, 'zh', **params)} / {message(key, 'en', **params)}"
