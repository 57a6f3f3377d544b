# 创建全国文明城市：进度、记录、问答
campaign-progress-title = 创建全国文明城市 · { $since ->
        [yes] { $year } 年以来进度
       *[no] { $year } 年进度
    }
campaign-progress-footer = 已达标 { $met }/{ $total } 项。看某项详情：/progress 指标名，例如 /progress 知晓率
campaign-group-environment = 🧹 环境整治
campaign-group-volunteers = 🙋 党员与志愿者
campaign-group-enforcement = 🚧 执法整治
campaign-group-awareness = 📣 宣传与知晓
campaign-amount = { $value } { $unit }
campaign-unit-per-week = { $unit }/周
campaign-unit-per-month = { $unit }/月
campaign-metric-line = { $name }：{ $value } / 目标 { $target }
campaign-target = 目标
campaign-met = 已达标
campaign-detail-average = 平均每期 { $average }（共 { $periods } 期有记录）
campaign-detail-surveys = 共调查 { $surveyed } 份，其中知晓 { $aware } 份
campaign-detail-history = 按月记录
campaign-detail-no-history = 近 12 个月没有记录。
campaign-detail-recent = 最近记录
campaign-detail-no-records = 暂无记录。
campaign-survey-batch = 知晓 { $aware }/{ $surveyed } 份
campaign-source-seed = 年度总结
campaign-source-staff = 工作人员录入
campaign-source-attendance = 活动签到
campaign-period-this-month = 本月
campaign-period-last-month = 上个月
campaign-period-this-week = 本周
campaign-period-none = 还没有统计
campaign-period-last-week = 上周
campaign-period-week-of = { $date }那周
campaign-period-this-year = 今年
campaign-answer-sum = { $name }：累计 { $value }，目标 { $target }，完成 { $percent }%{ $met ->
    [yes] ，已达标 ✅
   *[no] 。
}
campaign-answer-rate = { $name }：{ $value }（调查 { $surveyed } 份，知晓 { $aware } 份），目标 { $target }{ $met ->
    [yes] ，已达标 ✅
   *[no] 。
}
campaign-answer-rate-none = { $name }：还没有调查数据，目标 { $target }。
campaign-answer-per-period = { $name }（{ $period }）：{ $value }，平均每期 { $average }，目标 { $target }，完成 { $percent }%{ $met ->
    [yes] ，已达标 ✅
   *[no] 。
}
campaign-answer-in-period = { $name }（{ $period }）：{ $value }
campaign-record-ok = 已记录：{ $name } +{ $value }。发送 /undo 可撤销。
campaign-record-ok-survey = 已记录一批知晓率问卷：{ $surveyed } 份，知晓 { $aware } 份。发送 /undo 可撤销。
campaign-record-usage = 用法：/record 指标 数量 [备注]，例如 /record 垃圾 12车 高峰南巷；问卷：/record awareness_surveys 200 aware=190
campaign-target-usage = 用法：/target 指标 目标值，例如 /target 垃圾 400
campaign-target-ok = 已把“{ $name }”的目标改为 { $target }。
campaign-error-unknown-metric = 没有找到这个指标。
campaign-error-bad-amount = 数量看不懂，请写数字，例如 12、4.5万、1,200；知晓率要写成 200 aware=190。
campaign-error-bad-unit = 单位不对，这个指标的单位是 { $unit }。
campaign-error-missing-args = 缺少指标或数量。
campaign-error-negative = 数量不能是负数；记错了请用 /undo 撤销。
campaign-error-too-large = 数量太大，请检查是否多打了零。
campaign-error-aware-too-many = 知晓的份数不能多于调查的份数，例如 /record awareness_surveys 200 aware=190。
campaign-error-not-whole = { $name }按整数计（{ $unit }），不能是 { $value }。
campaign-error-rate-as-fraction = { $name }的目标请写百分数，例如 95 或 95%（{ $value } 会被当作 { $value }%）。
campaign-error-suggestions = 您是不是要找：{ $suggestions }
campaign-undo-ok = 已撤销：{ $name } { $value }。
campaign-undo-none = 没有可以撤销的记录。
campaign-error-units = 可用的单位：{ $units }
campaign-error-see-list = 发送 /progress 查看全部指标。
campaign-progress-usage = 用法：/progress [指标]，例如 /progress 垃圾
campaign-record-note = 备注：{ $note }
campaign-chart-title = 创建全国文明城市 · { $since ->
        [yes] { $year } 年以来目标完成度
       *[no] { $year } 年目标完成度
    }
campaign-chart-caption = 各项指标完成目标的百分比（虚线为目标）
campaign-next-unknown = 暂时查不到活动日期，请发送 /next 查看。
campaign-report-title = 📊 创文月报 · { $month }
campaign-report-moved-title = 上月进展
campaign-report-moved-line = { $name }：{ $value }（{ $count } 条记录）
campaign-report-moved-rate = 知晓率 { $value }（知晓 { $aware }/{ $surveyed } 份）
campaign-report-nothing-moved = 上月没有新的进度记录。
campaign-report-behind-title = 未达标（{ $count } 项）
campaign-report-behind-line = { $name }：{ $value } / 目标 { $target }（{ $percent }%）
campaign-report-all-met = 所有指标都已达标 ✅
campaign-name-period = { $name }（{ $period }）
campaign-overview-line = { $name }：{ $figure }
campaign-overview-rate = { $value }（目标 { $target }）
campaign-rate-gap = 距目标差 { $gap } 个百分点
campaign-detail-pending = { $period }已标记到场 { $marked } 人，现场总人数还没录入，暂不计入（工作人员可发送 /attended 活动ID 日期 +现场人数）。
campaign-walkins-done = ✅ { $title } { $date }：现场另有 { $count } 人{ $previous ->
    [0] {""}
   *[other] （替换之前录入的 { $previous } 人）
}，加上已标记到场的 { $marked } 人，共 { $total } 人，计入参与人数。
campaign-walkins-no-figure = { $title } 的到场人数不计入任何创文指标，没有记录。
campaign-greeting = 您好！我是社区通知助手：社区的卫生日、除四害、健康专刊和市民学校讲座会按时提醒您，也可以回答创文数据。
campaign-help-examples = 可以这样问：“知晓率是多少？”“清运了多少车垃圾？”“知晓率达标了吗？”“下次卫生日是哪天？”。全部进度发送 /progress，活动日期发送 /next，全部功能发送 /help。
campaign-not-understood = 这个问题我还答不上来。
campaign-thanks = 不客气！有问题随时问我。
campaign-answer-yes = ✅ 是的，已经达标。
campaign-answer-no = 还没有，离目标还差 { $gap }。
campaign-answer-no-data = 还没有，目前没有数据。
campaign-points = { $n } 个百分点
campaign-how-to-sign-up =
    🙋 <b>怎么报名</b>
    活动提醒消息下面有“报名 / I'll join”按钮，点一下就报上了；也可以直接回复提醒消息“报名”，带家人朋友就写“报名 3人”。
    去不了了：点“取消 / Can't make it”，或回复“不去了”。满额后报名会进入候补，有人取消时按顺序递补并通知您。
    查看自己的报名：/my
    📅 <b>近期活动</b>
