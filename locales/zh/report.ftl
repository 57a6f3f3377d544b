# 工作总结（/report）
report-title = { $community } { $period }创建全国文明城市工作总结
report-period-year = { $year } 年
report-period-month = { $year } 年 { $month } 月
report-intro = { $period }，{ $community }围绕创建全国文明城市，组织开展环境卫生整治、志愿服务和宣传教育等工作，现将{ $period }工作情况总结如下：
report-empty = { $period }没有记录到活动、进度或问卷数据，以下各项为空。
report-section-events = 活动开展及参与情况
report-events-none = 本期没有举办活动。
report-events-summary = 本期共开展活动 { $count } 场，报名 { $signedUp } 人次，实际到场 { $attended } 人次。
report-event-line = { $month }月{ $day }日 { $title }：报名 { $signedUp } 人，到场 { $attended } 人。
report-section-volunteers = 志愿服务和党员参与情况
report-volunteers = 本期志愿者到场服务 { $personTimes } 人次（{ $people } 人）。
report-party = 党员参与创建本期新增 { $change }，累计 { $total }，目标 { $target }，完成 { $percent }%。
report-section-figures = 创建工作各项指标
report-figures-intro = { $period }各项指标的新增、累计、目标和完成情况如下：
report-col-metric = 指标
report-col-change = 本期新增
report-col-total = 累计
report-col-target = 目标
report-col-percent = 完成
report-section-survey = 创建知晓率问卷调查
report-survey-none = 本期没有开展线上问卷调查。
report-survey-summary = 本期开展线上问卷 { $rounds } 轮，发出 { $recipients } 份，{ $respondents } 人作答，答完 { $completed } 份（答完率 { $completion }），创建知晓率 { $rate }。
report-survey-compound = { $name }：答完 { $completed } 份，知晓率 { $rate }。
report-survey-seed =
    { $diff ->
        [higher] 比年度纸质问卷调查的 { $seed } 高 { $points } 个百分点。
        [lower] 比年度纸质问卷调查的 { $seed } 低 { $points } 个百分点。
       *[same] 与年度纸质问卷调查的 { $seed } 持平。
    }
report-section-behind = 尚未达到目标的项目
report-behind-none = 各项指标均已达到目标。
report-behind-line = { $name }：累计 { $total }，目标 { $target }，完成 { $percent }%。
report-section-chart = 创建工作进度图
report-chart-alt = 各项指标完成目标的百分比
report-usage = 用法：/report [年-月 | 年]，例如 /report 2026-11 或 /report 2026；不写则为今年。
report-bad-period = “{ $arg }”不是一个月份或年份。请写成 2026-11 或 2026。
report-working = 正在生成{ $period }工作总结……
report-caption = 📄 { $title }
report-summary =
    📄 <b>{ $title }</b>
    活动 { $events } 场，到场 { $attended } 人次；有进度的指标 { $moved } 项；未达标 { $behind } 项。{ $survey }
report-summary-survey = 问卷答完 { $completed } 份，知晓率 { $rate }。
report-summary-empty = 📄 <b>{ $title }</b>
    { $period }没有记录到数据，文档中已注明。
report-file = 工作总结-{ $key }.docx
report-compound-none = 未选小区的居民
