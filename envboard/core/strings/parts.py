"""Names of the numerators and denominators behind each metric, as the 数据说明 page shows them."""

STRINGS: dict[str, tuple[str, str]] = {
    "part.tasks_closed": ("已销号任务数", "Tasks closed"),
    "part.tasks_under_closure": ("纳入销号管理的任务数", "Tasks under closure management"),
    "part.tasks_done": ("已完成任务数", "Tasks completed"),
    "part.tasks_total": ("任务总数", "All tasks"),
    "part.tasks_overdue": ("逾期未完成任务数", "Overdue tasks"),
    "part.petitions_closed": ("已办结信访件数", "Petitions closed"),
    "part.petitions_closed_incl_staged": ("已办结（含阶段性办结）件数", "Petitions closed, staged closures included"),
    "part.petitions_received": ("受理信访件数", "Petitions received"),
    "part.petitions_substantiated": ("属实（含部分属实）件数", "Substantiated (incl. partly)"),
    "part.petitions_assessed": ("已核实信访件数", "Petitions assessed"),
    "part.pm25_days": ("PM2.5 有效监测天数", "Valid PM2.5 days"),
    "part.valid_days": ("有效监测天数", "Valid monitoring days"),
    "part.good_days": ("优良天数", "Good days"),
    "part.heavy_days": ("重污染天数", "Heavy pollution days"),
    "part.good_sections": ("Ⅰ—Ⅲ类断面数", "Sections in class I–III"),
    "part.inferior_sections": ("劣Ⅴ类断面数", "Sections worse than class V"),
    "part.sections": ("评价断面数", "Sections assessed"),
    "part.denominator": ("参与评分的分项数", "Scored components"),
}
